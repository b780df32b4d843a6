import { DangwuError } from '@dangwu/rules';

/** The PostgreSQL server cannot be reached, refuses the connection, or the database does not exist. */
export class PostgresUnreachableError extends DangwuError {
  /** The server address tried, `host:port/database` (never the password). */
  readonly target: string;

  constructor(target: string, reason: string, cause?: unknown) {
    super('STORE_FAILURE', {
      zh: `无法连接 PostgreSQL 数据库 ${target}：${reason}`,
      en: `Cannot reach the PostgreSQL database ${target}: ${reason}`,
    });
    this.target = target;
    if (cause !== undefined) this.cause = cause;
  }
}

/** The database schema was migrated by a newer dangwu than this one; upgrade the code before using it. */
export class PostgresSchemaVersionError extends DangwuError {
  /** Schema version found in the database. */
  readonly found: number;
  /** Newest schema version this code knows. */
  readonly supported: number;

  constructor(schema: string, found: number, supported: number) {
    super('STORE_FAILURE', {
      zh: `数据库模式 ${schema} 的版本为 ${found}，高于本程序支持的版本 ${supported}；请先升级 dangwu`,
      en: `Database schema ${schema} is at version ${found}, newer than the ${supported} this code supports; upgrade dangwu first`,
    });
    this.found = found;
    this.supported = supported;
  }
}
