import { ParameterFreeLogger } from './parameter-free.logger';

describe(ParameterFreeLogger.name, () => {
  it('logs a failed query and its message but never its parameters', () => {
    const lines: string[] = [];
    const logger = new ParameterFreeLogger((line) => lines.push(line));
    const logQueryError = logger.logQueryError.bind(logger) as (
      error: Error,
      query: string,
      parameters: unknown[],
    ) => void;
    logQueryError(
      new Error('connection terminated'),
      'INSERT INTO api.risk_override (prison_number, reason) VALUES ($1, $2)',
      ['A1234BC', 'said he would take everything he had saved on release'],
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('connection terminated');
    expect(lines[0]).toContain('INSERT INTO api.risk_override');
    expect(lines[0]).not.toContain('A1234BC');
    expect(lines[0]).not.toContain('saved on release');
  });
});
