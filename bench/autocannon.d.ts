// The subset of autocannon's API the bench uses (the package ships no types, and adding @types is not an option).
declare module "autocannon" {
  export interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Stop after this many requests instead of after `duration`. */
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Array<
      RawRequest & {
        /** `context` is one connection's, emptied each time the sequence of requests starts again. */
        setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
        onResponse?: (
          status: number,
          body: string,
          context: Record<string, unknown>,
          headers: Record<string, string | string[]>,
        ) => void;
      }
    >;
  }
  export interface Result {
    requests: { average: number; total: number };
    throughput: { total: number };
    non2xx: number;
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
