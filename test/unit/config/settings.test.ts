import { describe, expect, it } from 'vitest';
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
});
