// What every route plugin receives when it is registered: the services, and the configuration.
import type { Config } from '../config.ts';
import type { Services } from '../services/types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface RouteDeps {
  services: Services;
  config: Config;
}
