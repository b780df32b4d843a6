/**
 * The role of the runtime's own actor (timers, migrations). Hosts may not send events or start
 * instances with it: the engine refuses and logs any such attempt.
 */
export const SYSTEM_ROLE = 'system';

/** Why a host's start or send by the system role is refused (the reason its security entry records). */
export const SYSTEM_ROLE_REFUSAL = { zh: '系统角色仅供运行时使用', en: 'the system role is reserved for the runtime' };
