/** The server's logs never carry the secrets some URLs hold: a beneficiary link's token, a sign-in's code and state. */
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/cli/commands/serve.js';

describe('URLs in the logs', () => {
  it('hide the token of a beneficiary link and the code and state of a sign-in, and keep the rest', () => {
    expect(redactUrl('/confirm/eyJhIjoiYXNnX21lYXQifQ.c2lnbmF0dXJl')).toBe('/confirm/[redacted]');
    expect(redactUrl('/confirm/abc?x=1')).toBe('/confirm/[redacted]?x=1');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=SECRET1&state=SECRET2&iss=http%3A%2F%2Fidp')).toBe('/api/v1/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=http%3A%2F%2Fidp');
    expect(redactUrl('/api/v1/assignments?unit=unit_a&status=issued')).toBe('/api/v1/assignments?unit=unit_a&status=issued');
  });
});
