/**
 * Structured logs: one JSON object per line on stderr, with level, time, service and message.
 * Never log personal data (phone numbers, e-mail addresses, push endpoints): pass references.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  fields?: LogFields;
  write?: (line: string) => void;
}

export function isLogLevel(value: string): value is LogLevel {
  return value in ORDER;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const base = options.fields ?? {};
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[level] < threshold) return;
    const entry: LogFields = { level, time: new Date().toISOString(), ...base, msg: message };
    if (fields) {
      for (const [k, v] of Object.entries(fields)) entry[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
    }
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ level: options.level, fields: { ...base, ...fields }, write }),
  };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
