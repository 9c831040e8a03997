// Which calls end a flow: data stores, external services (HTTP clients, queues, cloud SDKs).
// Decided from the package the callee's root name was imported from, else from receiver names.

export type TerminalKind = 'store' | 'external';

const STORE_PKG = /^(@adonisjs\/lucid(\/.*)?|pg|pg-promise|postgres|mysql2?|mariadb|sqlite3?|better-sqlite3|mongodb|mongoose|redis|ioredis|@prisma\/client|prisma|typeorm|sequelize|knex|objection|drizzle-orm|@mikro-orm\/.*|kysely|cassandra-driver|@elastic\/elasticsearch|dynamoose|sqlalchemy(\..*)?|databases|asyncpg|psycopg2?|pymysql|pymongo|motor(\..*)?|redis(\..*)?|django\.db(\..*)?|peewee|pony(\..*)?|tortoise(\..*)?|sqlmodel|database\/sql|github\.com\/jackc\/pgx.*|github\.com\/lib\/pq|gorm\.io\/.*|github\.com\/jinzhu\/gorm|github\.com\/jmoiron\/sqlx|go\.mongodb\.org\/.*|github\.com\/go-redis\/.*|github\.com\/redis\/go-redis.*|org\.springframework\.jdbc.*|org\.springframework\.data.*|javax\.persistence.*|jakarta\.persistence.*|org\.apache\.ibatis.*|org\.mybatis.*|java\.sql.*|@aws-sdk\/client-dynamodb)$/;
const EXTERNAL_PKG = /^(axios|node-fetch|got|undici|superagent|request|ky|cross-fetch|requests|httpx|aiohttp|urllib3?|net\/http|github\.com\/go-resty\/.*|amqplib|kafkajs|bullmq|bull|@aws-sdk\/.*|aws-sdk|@google-cloud\/.*|nodemailer|stripe|twilio|@sendgrid\/.*|pika|kafka|confluent_kafka|celery|boto3|smtplib|org\.springframework\.web\.client.*|org\.springframework\.kafka.*|org\.springframework\.amqp.*|java\.net\.http.*|okhttp3.*)$/;
const STORE_RECEIVER = /^(db|database|pool|objects|queryset|prisma|knex|redis|cache|conn|connection|cursor|session|tx|trx|sql|jdbcTemplate|jdbc|namedParameterJdbcTemplate|entityManager|em|collection|mongo|dataSource|gorm|orm)$/i;
export const STORE_TYPE_NAME = /(Repository|Mapper|Dao|DAO)$/;
/**
 * JVM classes that are a handle on the database itself (a field or parameter of one of these types is
 * the store): the class as imported, so that a package's value types (Spring Data's `Pageable`, a
 * jOOQ `Record`) are not taken for a store.
 */
const STORE_HANDLE_CLASS = /^(org\.jooq\.DSLContext|(javax|jakarta)\.persistence\.EntityManager|org\.springframework\.jdbc\.core\.(JdbcTemplate|JdbcOperations)|org\.springframework\.jdbc\.core\.namedparam\.NamedParameterJdbcTemplate|java\.sql\.(Connection|Statement|PreparedStatement)|javax\.sql\.DataSource|org\.apache\.ibatis\.session\.SqlSession|org\.jdbi\.v3\.core\.(Jdbi|Handle))$/;

export function isStoreHandleClass(spec: string): boolean {
  return STORE_HANDLE_CLASS.test(spec);
}
const EXTERNAL_RECEIVER = /^(axios|fetch|http|https|httpClient|client|restTemplate|webClient|requests|httpx|producer|publisher|queue|channel|kafka|sqs|sns|s3|mailer|transporter|stripe)$/i;
const STORE_METHOD = /^(query\w*|execute\w*|exec\w*|batchUpdate|find\w*|insert\w*|update\w*|delete\w*|save\w*|select\w*|get|set|del|hget|hset|expire|incr|zadd|lpush|rpush|aggregate|count\w*|create\w*|upsert|commit|rollback|QueryRow\w*|Exec\w*|Query\w*|fetch\w*|scalar\w*)$/;

/**
 * Names a store package exports that build a query or a schema and touch no data: Sequelize's
 * `literal`/`fn`/`col`/`Op`, mongoose's `Schema`/`Types.ObjectId`. A flow that listed
 * `store:Sequelize.literal` sent the reader to a string, not to the database.
 */
const QUERY_BUILDER = /^(literal|fn|col|cast|json|escape|Op|DataTypes|Schema|Types|ObjectId|isValidObjectId|model|define|init|belongsTo|hasMany|hasOne|belongsToMany)$/;

/** A call of a store package's name (`Sequelize.literal(…)`, `literal(…)`) that only builds a query. */
export function buildsQuery(name: readonly string[]): boolean {
  return name.length > 0 && QUERY_BUILDER.test(name[name.length - 1]);
}

/** ORMs whose entity constructor writes the row (Pony: `ChatMessage(user=u, message=m)` is an insert). */
const INSERTING_CONSTRUCTOR_PKG = /^pony(\..*)?$/;

export function constructorInserts(spec: string): boolean {
  return INSERTING_CONSTRUCTOR_PKG.test(spec);
}

export function classifyPackage(spec: string): TerminalKind | undefined {
  if (STORE_PKG.test(spec)) return 'store';
  if (EXTERNAL_PKG.test(spec)) return 'external';
  return undefined;
}

/** A call left unresolved, judged by its receiver: `db.query`, `this.redis.get`, `axios.post`, `fetch(url)`. */
export function classifyByName(callee: string): TerminalKind | undefined {
  const parts = callee.replace(/^(this|self)\./, '').split('.');
  if (parts.length === 1) return parts[0] === 'fetch' ? 'external' : undefined;
  const receiver = parts[parts.length - 2];
  const method = parts[parts.length - 1];
  if (STORE_RECEIVER.test(receiver) && STORE_METHOD.test(method)) return 'store';
  if (STORE_TYPE_NAME.test(receiver.charAt(0).toUpperCase() + receiver.slice(1))) return 'store';
  if (parts[0] === 'prisma' || parts[0] === 'knex' || parts[0] === 'db') return 'store';
  if (EXTERNAL_RECEIVER.test(receiver)) return 'external';
  return undefined;
}

/** Calls not worth a step: language built-ins and the framework's request/response objects. */
export const NOISE = /^(console|JSON|Math|Object|Array|Promise|String|Number|Boolean|Date|Symbol|Reflect|Error|Buffer|process|res|req|next|ctx|reply|request|response|c|w|r|fmt|errors|strconv|strings|log|logger|logging|len|print|str|int|float|dict|list|set|tuple|isinstance|super|range|enumerate|zip|sorted|map|filter|append|make|new|panic|require|parseInt|parseFloat|setTimeout|clearTimeout|Optional|Objects|Collections|Arrays|List|Map|Set|ResponseEntity|HttpStatus|String\.valueOf|LocalDateTime|Instant|UUID|uuid|time|datetime|os|sys|path|HTTPException|status|raise)$/;
