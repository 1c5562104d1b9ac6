import {
  ProxyTracerProvider,
  SpanStatusCode,
  context,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import type { Logger } from './logger.js';

/** The app's tracer, and how to flush and stop it at shutdown. */
export interface Tracing {
  tracer: Tracer;
  /** Sends the spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`. Unset: no tracing. */
  endpoint: string | undefined;
  serviceName: string;
  logger: Logger;
}

/** A tracer whose spans record nothing: what the app runs with when no OTLP endpoint is set. */
export const NO_TRACING: Tracing = {
  tracer: new ProxyTracerProvider().getTracer('agentic-dev-pipeline'),
  shutdown: async () => undefined,
};

/**
 * OpenTelemetry traces exported over OTLP/HTTP when an endpoint is configured. The SDK is loaded only then,
 * so a process without tracing carries none of it; spans are batched off the request path. Spans of the
 * same async flow nest (a model call inside its graph node) through an AsyncLocalStorage context.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.endpoint) return NO_TRACING;
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager)) {
    options.logger.warn('another OpenTelemetry context manager is registered; spans may not nest');
  }
  options.logger.info({ url }, 'exporting traces over OTLP');
  return {
    tracer: provider.getTracer('agentic-dev-pipeline'),
    async shutdown() {
      await provider.shutdown();
      context.disable();
    },
  };
}

/**
 * Runs `work` in an active span that ends with it: an error marks the span failed (with `error.type`, the
 * error's class; its message stays out, as it may quote what no trace should hold) and is rethrown unchanged.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
      throw error;
    } finally {
      span.end();
    }
  });
}
