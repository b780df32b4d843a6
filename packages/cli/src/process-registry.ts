import {
  lifeMeetingProcess,
  memberDevelopmentProcess,
  type ProcessDefinition,
  probationProcess,
  relationshipTransferProcess,
} from '@dangwu/machines';

/** Every process the command knows, by id. */
export const processRegistry: readonly ProcessDefinition[] = [
  memberDevelopmentProcess,
  probationProcess,
  lifeMeetingProcess,
  relationshipTransferProcess,
] as readonly ProcessDefinition[];

/** Looks up a process by id, or throws listing the known ids. */
export function findProcess(id: string): ProcessDefinition {
  const found = processRegistry.find((process) => process.id === id);
  if (!found) {
    throw new Error(
      `未知流程 ${id} / unknown process ${id} (known: ${processRegistry.map((process) => process.id).join(', ')})`,
    );
  }
  return found;
}
