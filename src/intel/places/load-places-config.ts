import { join } from 'node:path';
import { readYamlConfig } from '../../settings/read-yaml-config.js';
import { type PlacesConfig, placesConfigSchema } from './places-schema.js';

/** Reads and validates `<configDir>/places.yaml`; throws ConfigError listing every problem. */
export async function loadPlacesConfig(configDir: string): Promise<PlacesConfig> {
  return readYamlConfig(join(configDir, 'places.yaml'), placesConfigSchema);
}
