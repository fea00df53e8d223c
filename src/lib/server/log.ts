// Structured log lines (one JSON object per line). Keys are never passed in here.
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (level: 'info' | 'warn' | 'error', event: string, fields?: LogFields) => void;

export const jsonLogger: Logger = (level, event, fields = {}) => {
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'info') console.log(line);
	else console.error(line);
};

export const silentLogger: Logger = () => {};
