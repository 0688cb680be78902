import { loadGatewayConfig } from '@hrc/gateway';
import { ConfigurationError, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SIGNING_SECRET } from '@hrc/service-kit';

const FRESH = {
  NODE_ENV: 'production',
  HUB_SIGNING_SECRET: 'a-fresh-production-signing-secret-0123456789',
  JWT_SECRET: 'a-fresh-production-jwt-secret-0123456789abcd',
};

function refusal(environment: Record<string, string>): ConfigurationError {
  try {
    loadGatewayConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('the gateway refuses published secrets in production', () => {
  test.each([
    ['HUB_SIGNING_SECRET', DEVELOPMENT_SIGNING_SECRET],
    ['JWT_SECRET', DEVELOPMENT_JWT_SECRET],
    ['JWT_SECRET', 'test-jwt-secret-that-is-long-enough-0000000'],
  ])('%s set explicitly to a published value is refused', (variable, value) => {
    const error = refusal({ ...FRESH, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.reason).toMatch(/published/);
  });

  test('fresh secrets are accepted', () => {
    expect(loadGatewayConfig(FRESH).tokens.secret).toBe(FRESH.JWT_SECRET);
  });

  test('the development values still work outside production', () => {
    const config = loadGatewayConfig({ NODE_ENV: 'development', JWT_SECRET: DEVELOPMENT_JWT_SECRET });
    expect(config.tokens.secret).toBe(DEVELOPMENT_JWT_SECRET);
  });
});

describe('the explorer', () => {
  test('is on outside production and off in production unless GATEWAY_EXPLORER=true', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).explorer).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'development', GATEWAY_EXPLORER: 'false' }).explorer).toBe(false);
    expect(loadGatewayConfig(FRESH).explorer).toBe(false);
    expect(loadGatewayConfig({ ...FRESH, GATEWAY_EXPLORER: 'true' }).explorer).toBe(true);
  });

  test('GATEWAY_EXPLORER takes only true or false', () => {
    expect(refusal({ NODE_ENV: 'development', GATEWAY_EXPLORER: 'yes' }).variable).toBe('GATEWAY_EXPLORER');
  });
});
