import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('embedded');
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/fourfold',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
    });
    expect(config.database).toMatchObject({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/fourfold',
    });
    expect(config.seedDemo).toBe(false);
  });

  it('refuses a shared database without the secrets embedded mode would generate', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/fourfold' })).toThrow(
      /AUTH_TOKEN_SECRET/,
    );
  });

  it('loads demo data by default on the embedded database only, unless told otherwise', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    const shared = {
      DATABASE_URL: 'postgres://db/f',
      AUTH_TOKEN_SECRET: 'y'.repeat(32),
      IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
    };
    expect(loadConfig({ ...shared, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('reports every bad key at once, by name, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://secret-password@x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('secret-password');
    // …and the two secrets a shared database requires: AUTH_TOKEN_SECRET and IDENTITY_KEY.
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('embedded');
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
  });
});
