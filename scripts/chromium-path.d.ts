export function chromiumPath(env?: NodeJS.ProcessEnv): string | null;
