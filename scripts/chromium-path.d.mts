export function findChromium(): string | null;
export const chromiumLaunchArgs: string[];
