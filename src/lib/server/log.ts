// Structured log lines (one JSON object per line). Keys are never passed in here.
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, event: string, fields?: LogFields) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The lowest level written: LOG_LEVEL (debug, info, warn, error), info by default. */
export function logLevelFrom(value: string | undefined): LogLevel {
	return value && value in RANK ? (value as LogLevel) : 'info';
}

/**
 * Lines below `lowest` cost one comparison: each connection's arrival and departure is logged at
 * debug, and a line is a synchronous write to stdout (a pipe to journald) on the event loop that
 * serves every room.
 */
export function jsonLoggerAt(lowest: LogLevel): Logger {
	const threshold = RANK[lowest];
	return (level, event, fields = {}) => {
		if (RANK[level] < threshold) return;
		const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
		if (level === 'info' || level === 'debug') console.log(line);
		else console.error(line);
	};
}

export const jsonLogger: Logger = jsonLoggerAt(logLevelFrom(process.env.LOG_LEVEL));

export const silentLogger: Logger = () => {};
