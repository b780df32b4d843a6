/** Steps a development case records, each with its date and rule version. */
export const developmentSteps = [
  'applied',
  'talked',
  'activist',
  'activistFiled',
  'contactsAssigned',
  'targetProposed',
  'targetFiled',
  'targetApproved',
  'targetNoticeClosed',
  'introducers',
  'politicalReview',
  'training',
  'committeeReview',
  'prereview',
  'formFilled',
  'vote',
  'postVoteNoticeClosed',
  'interviewed',
  'approved',
  'approvalFiled',
  'oath',
  'announced',
] as const;

/** A recorded step of a development case. */
export type DevelopmentStep = (typeof developmentSteps)[number];

/** Steps from which a case already under way can be imported (members in the process when a platform adopts dangwu). */
export const developmentImportPoints = [
  'talked',
  'activist',
  'target',
  'formFilling',
  'branchVote',
  'awaitingApproval',
  'awaitingOath',
] as const;

/** Where an imported case resumes. */
export type DevelopmentImportPoint = (typeof developmentImportPoints)[number];
