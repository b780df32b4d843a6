// What the built-in stores' factories accept, checked before anything is opened (see `checkOptions`).
import * as z from 'zod';
import {
  bilingual,
  choiceOption,
  integerOption,
  numberOption,
  objectOption,
  textOption,
} from '../options/check-options.js';

/** `SqliteStoreOptions` as checked by `createSqliteStore`. */
export const sqliteStoreOptionsSchema = z.strictObject(
  {
    path: textOption(),
    groupCommit: z.boolean(bilingual('须为 true 或 false', 'must be true or false')).optional(),
    synchronous: choiceOption(['FULL', 'NORMAL']).optional(),
    busyTimeoutMs: numberOption(0).optional(),
    checkpoint: choiceOption(['background', 'inline']).optional(),
  },
  bilingual('选项须为对象', 'options must be an object'),
);

/** A PostgreSQL schema name the store can put into its statements unquoted. */
export const postgresSchemaName = z
  .string(bilingual('须为字符串', 'must be a string'))
  .regex(
    /^[a-z_][a-z0-9_]{0,62}$/,
    bilingual('模式名只能含小写字母、数字和下划线，至多 63 个字符', 'lowercase letters, digits and _ only, at most 63'),
  );

/** `PostgresStoreOptions` as checked by `createPostgresStore`. */
export const postgresStoreOptionsSchema = z.strictObject(
  {
    connectionString: textOption().optional(),
    pool: objectOption(['connect', 'query', 'end'], { zh: 'pg 连接池', en: 'a pg pool' }).optional(),
    schema: postgresSchemaName.optional(),
    poolSize: integerOption(1).optional(),
    connectTimeoutMs: numberOption(1).optional(),
    claimLeaseMs: numberOption(1).optional(),
    dueClock: choiceOption(['database', 'caller']).optional(),
    nodeId: textOption().optional(),
  },
  bilingual('选项须为对象', 'options must be an object'),
);
