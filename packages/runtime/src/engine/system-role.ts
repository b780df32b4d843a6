/**
 * The role of the runtime's own actor (timers, migrations). Hosts may not send events or start
 * instances with it: the engine refuses and logs any such attempt.
 */
export const SYSTEM_ROLE = 'system';
