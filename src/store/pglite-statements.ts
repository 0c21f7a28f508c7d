// PGlite parses and plans every query afresh: its query() sends an unnamed statement each time,
// and drizzle's `.prepare(name)` cannot change that (the PGlite driver ignores the name). In
// PGlite planning is most of a small query's cost (the planner asks the file system for the size
// of every table it touches): finding a submission took about 0.9 ms, of which binding and
// running a prepared statement is 0.25 ms. So each distinct text of a data query becomes a named
// prepared statement of the (one) connection, reused when the same text comes again; PostgreSQL
// re-plans it by itself when a table it uses changes. PostgreSQL servers are left as they are:
// node-postgres prepares the statements drizzle names.
import { parse, protocol, types, type messages as wire, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

/** Data queries; anything else (DDL, BEGIN, SET) goes through PGlite's own query() as before. */
const preparable = /^\s*(select|insert|update|delete|with)\b/i;

const { serialize } = protocol;

function messages(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface Statement {
  name: string;
  /** The type of each parameter, as PostgreSQL inferred it: how each value is written. */
  paramTypes: number[];
  /** The columns of its rows (none for a statement that returns no rows), described once when prepared. */
  fields: Field[];
}

interface Field {
  name: string;
  dataTypeID: number;
}

/**
 * `pg` with a query() that keeps data queries as prepared statements (the most recent
 * `capacity` distinct texts). Everything else is PGlite's own, on the same instance.
 */
export function withPreparedStatements(pg: PGlite, capacity = 200): PGlite {
  const statements = new Map<string, Statement>();
  let made = 0;

  async function statementFor(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const known = statements.get(text);
    if (known) {
      // Most recently used last: the first is the one to forget when there are too many.
      statements.delete(text);
      statements.set(text, known);
      return known;
    }
    const name = `gcm_${++made}`;
    const described = await pg.execProtocol(
      messages(serialize.parse({ name, text, types: options?.paramTypes ?? [] }), serialize.describe({ type: 'S', name }), serialize.sync()),
      { syncToFs: false },
    );
    const row = described.messages.find((m): m is wire.RowDescriptionMessage => m.name === 'rowDescription');
    const fields = row ? row.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) : [];
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described.messages), fields };
    statements.set(text, statement);
    if (statements.size > capacity) {
      const [oldest, forgotten] = statements.entries().next().value as [string, Statement];
      statements.delete(oldest);
      await pg.execProtocol(messages(serialize.close({ type: 'S', name: forgotten.name }), serialize.sync()), { syncToFs: false });
    }
    return statement;
  }

  async function run<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const statement = await statementFor(text, options);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const type = statement.paramTypes[i]!;
      const write = options?.serializers?.[type] ?? pg.serializers[type];
      return write ? write(param) : String(param);
    });
    // No Describe: the columns were described when the statement was prepared (PostgreSQL refuses
    // to run a prepared statement whose columns have changed since, rather than answer other ones).
    const { messages: answer } = await pg.execProtocol(messages(serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()));
    return results<T>(answer, statement.fields, options);
  }

  /**
   * The rows of one statement's answer, as PGlite's parseResults() reads them, without copying
   * PGlite's 300-odd type parsers into a new object for every query as it does when a query
   * brings parsers of its own (drizzle's always do): that copy was a tenth of a read's time.
   */
  function results<T>(answer: wire.BackendMessage[], fields: Field[], options: QueryOptions | undefined): Results<T> {
    const own = options?.parsers;
    const value = (text: string | null, type: number): unknown => {
      if (text === null) return null;
      const read = own?.[type] ?? pg.parsers[type] ?? types.parsers[type];
      return read ? read(text, type) : text;
    };
    const rows: unknown[] = [];
    for (const message of answer) {
      if (message.name === 'dataRow') {
        const texts = (message as wire.DataRowMessage).fields;
        if (options?.rowMode === 'array') {
          rows.push(texts.map((text, i) => value(text, fields[i]!.dataTypeID)));
        } else {
          const row: Record<string, unknown> = {};
          texts.forEach((text, i) => (row[fields[i]!.name] = value(text, fields[i]!.dataTypeID)));
          rows.push(row);
        }
      } else if (message.name === 'commandComplete') {
        const parts = (message as wire.CommandCompleteMessage).text.split(' ');
        const command = parts[0]!;
        const rowCount = parseInt(parts[parts.length - 1]!, 10);
        const affectedRows = ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command) ? rowCount : 0;
        return { rows, fields, command, affectedRows, ...(Number.isNaN(rowCount) ? {} : { rowCount }) } as Results<T>;
      }
    }
    return { rows: [], fields: [], affectedRows: 0 } as Results<T>;
  }

  async function query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (!preparable.test(text) || options?.blob) return pg.query<T>(text, params, options);
    // As PGlite's own query(): refused once closed; one query at a time, none during a transaction.
    await pg._checkReady();
    return pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => run<T>(text, params, options)));
  }

  return new Proxy(pg, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields, which exist on the instance only, not on this proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
