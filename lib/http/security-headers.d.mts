// Types for security-headers.mjs (plain JavaScript so that next.config.mjs can import it).

export type HeaderRoute = { source: string; headers: { key: string; value: string }[] };

export declare const SECRET_URL_PATHS: string[];
export declare function contentSecurityPolicy(options: { dev: boolean }): string;
export declare function securityHeaders(options: { dev: boolean }): HeaderRoute[];
export declare function strictTransportSecurity(appUrl: string): string | null;
