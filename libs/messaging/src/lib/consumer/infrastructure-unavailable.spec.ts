import { isInfrastructureUnavailable } from './infrastructure-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe(isInfrastructureUnavailable.name, () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01')],
    ['PostgreSQL starting up (57P03)', withCode('57P03')],
    ['a PostgreSQL connection exception (08006)', withCode('08006')],
    ['pg losing its connection', new Error('Connection terminated unexpectedly')],
    ['ioredis with the connection closed', new Error('Connection is closed.')],
    [
      "ioredis's retry limit",
      Object.assign(new Error('Reached the max retries per request limit (which is 1).'), {
        name: 'MaxRetriesPerRequestError',
      }),
    ],
    [
      'a TypeORM error wrapping a refused connection',
      Object.assign(new Error('Query failed'), { driverError: withCode('ECONNREFUSED') }),
    ],
    ['an error caused by a reset', new Error('outer', { cause: withCode('ECONNRESET') })],
  ])('says %s is the infrastructure', (_case, error) => {
    expect(isInfrastructureUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('23505')],
    ['a deadlock (40P01)', withCode('40P01')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'boom'],
    ['nothing', undefined],
  ])('does not say so for %s', (_case, error) => {
    expect(isInfrastructureUnavailable(error)).toBe(false);
  });

  it('stops on an error that wraps itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(isInfrastructureUnavailable(error)).toBe(false);
  });
});
