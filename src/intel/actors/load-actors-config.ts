import { join } from 'node:path';
import { readYamlConfig } from '../../settings/read-yaml-config.js';
import { type ActorsConfig, actorsConfigSchema } from './actors-schema.js';

/** Reads and validates `<configDir>/actors.yaml`; throws ConfigError listing every problem. */
export async function loadActorsConfig(configDir: string): Promise<ActorsConfig> {
  return readYamlConfig(join(configDir, 'actors.yaml'), actorsConfigSchema);
}
