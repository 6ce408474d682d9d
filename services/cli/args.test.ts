import { parseArgs } from './args';

describe('parseArgs', () => {
  it('defaults to run and reads flags in both spellings', () => {
    expect(parseArgs([])).toEqual({ command: 'run', flags: {}, positional: [] });
    const p = parseArgs(['run', '--service', 'engine', '--port=9000', '--demo', 'x']);
    expect(p.command).toBe('run');
    expect(p.flags).toEqual({ service: 'engine', port: '9000', demo: true });
    expect(p.positional).toEqual(['x']);
  });
  it('treats a flag followed by another flag as a switch', () => {
    expect(parseArgs(['backtest', '--verbose', '--rules', 'r']).flags).toEqual({ verbose: true, rules: 'r' });
  });
});
