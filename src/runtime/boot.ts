import { loadSettings, SettingsError, type Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import { createAppLogger } from './app-logger.js';

/** Reads the settings or exits with a message naming every bad variable. */
export function boot(name: string): { settings: Settings; logger: Logger } {
  try {
    const settings = loadSettings();
    return { settings, logger: createAppLogger(settings, name) };
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`${error.message}\nSee the README's "Configuration" section.\n`);
      process.exit(1);
    }
    throw error;
  }
}
