import { describe, expect, it } from 'vitest';
import { deploySecretsFor } from '../../../src/config/deploy-secrets.js';
import { secretValues } from '../../../src/config/secret-values.js';
import { loadSettings, SettingsError } from '../../../src/config/settings.js';

describe('process settings', () => {
  it('start with nothing set, on the embedded defaults', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      hasAppCredentials: false,
      githubApiUrl: 'https://api.github.com',
      PORT: 3000,
    });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.REDIS_URL).toBeUndefined();
  });

  it('stop start-up naming a bad value', () => {
    expect(() => loadSettings({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadSettings({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: must be a redis:\/\/ URL/,
    );
  });

  it('name the missing half of the GitHub App credentials', () => {
    try {
      loadSettings({ APP_ID: '12' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).issues).toEqual([
        'PRIVATE_KEY: required when the other GitHub App credentials are set',
        'WEBHOOK_SECRET: required when the other GitHub App credentials are set',
      ]);
    }
  });

  it('follow GitHub Enterprise Server through GHE_HOST, and read bot allow-lists', () => {
    const settings = loadSettings({
      GHE_HOST: 'github.example.com',
      PIPELINE_ALLOWED_BOTS: 'dependabot[bot], renovate[bot]',
    });
    expect(settings.githubApiUrl).toBe('https://github.example.com/api/v3');
    expect(settings.PIPELINE_ALLOWED_BOTS).toEqual(['dependabot[bot]', 'renovate[bot]']);
  });

  describe('PIPELINE_DEPLOY_SECRETS_<ENVIRONMENT>', () => {
    it('grants named variables of the app environment to one environment, for every repository or one', () => {
      const settings = loadSettings({
        PIPELINE_DEPLOY_SECRETS_PRODUCTION: 'DEPLOY_TOKEN, acme/widgets:WIDGETS_KEY',
        PIPELINE_DEPLOY_SECRETS_EU_WEST_1: 'EU_TOKEN',
        DEPLOY_TOKEN: 'token-production-1',
        WIDGETS_KEY: 'widgets-key-2',
        EU_TOKEN: 'token-eu-3',
      });
      expect(deploySecretsFor(settings.deploySecrets, 'acme/widgets', 'production')).toEqual({
        DEPLOY_TOKEN: 'token-production-1',
        WIDGETS_KEY: 'widgets-key-2',
      });
      expect(deploySecretsFor(settings.deploySecrets, 'acme/other', 'production')).toEqual({
        DEPLOY_TOKEN: 'token-production-1',
      });
      expect(deploySecretsFor(settings.deploySecrets, 'acme/widgets', 'eu-west.1')).toEqual({
        EU_TOKEN: 'token-eu-3',
      });
      expect(deploySecretsFor(settings.deploySecrets, 'acme/widgets', 'staging')).toEqual({});
      // Granted values are secrets of the app: masked in logs and refused in anything sent to GitHub.
      expect(secretValues(settings)).toEqual(expect.arrayContaining(['token-production-1', 'token-eu-3']));
    });

    it('stop start-up naming a variable granted but not set, or an entry that is not a name', () => {
      expect(() => loadSettings({ PIPELINE_DEPLOY_SECRETS_PRODUCTION: 'MISSING' })).toThrow(
        /PIPELINE_DEPLOY_SECRETS_PRODUCTION: 'MISSING' is granted but not set/,
      );
      expect(() => loadSettings({ PIPELINE_DEPLOY_SECRETS_PRODUCTION: '$(id)' })).toThrow(
        /PIPELINE_DEPLOY_SECRETS_PRODUCTION: '\$\(id\)': entries are `NAME`/,
      );
    });
  });
});
