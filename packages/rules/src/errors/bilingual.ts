/** A text in both working languages of the library: Simplified Chinese first, then English. */
export interface Bilingual {
  /** Simplified Chinese (zh-CN). */
  readonly zh: string;
  /** English. */
  readonly en: string;
}
