// ejs 5 ships no types (and @types/ejs describes 3.x): the part of its API this service uses.
declare module 'ejs' {
  export interface Options {
    escape?: (markup: unknown) => string;
    strict?: boolean;
    _with?: boolean;
    localsName?: string;
    destructuredLocals?: string[];
    rmWhitespace?: boolean;
  }
  export function compile(template: string, options?: Options): (data: Record<string, unknown>) => string;
  export function render(template: string, data?: Record<string, unknown>, options?: Options): string;
}
