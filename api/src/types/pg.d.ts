/**
 * The slice of node-postgres (`pg`) the API uses directly: one dedicated client for LISTEN
 * and session-level advisory locks, which a pooled ORM connection cannot hold. (`@types/pg`
 * is not installed; knex and MikroORM use `pg` underneath with their own types.)
 */
declare module "pg" {
  export interface Notification {
    channel: string;
    payload?: string;
    processId: number;
  }

  export interface ClientConfig {
    connectionString?: string;
    /** Startup options, e.g. `-c search_path=...`. */
    options?: string;
  }

  export class Client {
    constructor(config?: ClientConfig);
    connect(): Promise<void>;
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
    end(): Promise<void>;
    on(event: "notification", listener: (n: Notification) => void): this;
    on(event: "error", listener: (err: Error) => void): this;
    on(event: "end", listener: () => void): this;
  }

  const pg: { Client: typeof Client };
  export default pg;
}
