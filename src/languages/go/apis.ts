/**
 * Tables of well-known Go library signatures: what logvol knows without a Go toolchain.
 * Keys use canonical type strings (see TypeRef): `<import path>.<Name>`, `*` for pointers.
 */

export const GO_CONTEXT = 'context.Context';

/** Result types of package functions, by `<import path>.<Func>`. */
export const GO_FUNC_RESULTS: Record<string, string[]> = {
  'context.Background': [GO_CONTEXT],
  'context.TODO': [GO_CONTEXT],
  'context.WithCancel': [GO_CONTEXT, 'context.CancelFunc'],
  'context.WithCancelCause': [GO_CONTEXT, 'context.CancelCauseFunc'],
  'context.WithTimeout': [GO_CONTEXT, 'context.CancelFunc'],
  'context.WithTimeoutCause': [GO_CONTEXT, 'context.CancelFunc'],
  'context.WithDeadline': [GO_CONTEXT, 'context.CancelFunc'],
  'context.WithDeadlineCause': [GO_CONTEXT, 'context.CancelFunc'],
  'context.WithValue': [GO_CONTEXT],
  'context.WithoutCancel': [GO_CONTEXT],
  'google.golang.org/grpc/metadata.NewIncomingContext': [GO_CONTEXT],
  'google.golang.org/grpc/metadata.NewOutgoingContext': [GO_CONTEXT],
  'google.golang.org/grpc/metadata.AppendToOutgoingContext': [GO_CONTEXT],
  'google.golang.org/grpc/metadata.FromIncomingContext': ['google.golang.org/grpc/metadata.MD', 'bool'],
  'google.golang.org/grpc/metadata.FromOutgoingContext': ['google.golang.org/grpc/metadata.MD', 'bool'],
  'google.golang.org/grpc/metadata.New': ['google.golang.org/grpc/metadata.MD'],
  'google.golang.org/grpc/metadata.Pairs': ['google.golang.org/grpc/metadata.MD'],
  'go.opentelemetry.io/otel.Tracer': ['go.opentelemetry.io/otel/trace.Tracer'],
  'go.opentelemetry.io/otel/trace.ContextWithSpan': [GO_CONTEXT],
  'go.opentelemetry.io/otel/trace.ContextWithSpanContext': [GO_CONTEXT],
  'go.opentelemetry.io/otel/trace.ContextWithRemoteSpanContext': [GO_CONTEXT],
  'go.opentelemetry.io/otel/trace.SpanFromContext': ['go.opentelemetry.io/otel/trace.Span'],
  'go.opentelemetry.io/otel/baggage.ContextWithBaggage': [GO_CONTEXT],
  'github.com/opentracing/opentracing-go.StartSpanFromContext': [
    'github.com/opentracing/opentracing-go.Span',
    GO_CONTEXT,
  ],
  'github.com/opentracing/opentracing-go.ContextWithSpan': [GO_CONTEXT],
  'log.New': ['*log.Logger'],
  'log.Default': ['*log.Logger'],
  'os.Getenv': ['string'],
  'errors.New': ['error'],
  'fmt.Errorf': ['error'],
  'fmt.Sprintf': ['string'],
  'fmt.Sprint': ['string'],
  'fmt.Sprintln': ['string'],
  'time.LoadLocation': ['*time.Location', 'error'],
  'time.LoadLocationFromTZData': ['*time.Location', 'error'],
  'time.Now': ['time.Time'],
  'net/http.NewRequest': ['*net/http.Request', 'error'],
  'net/http.NewRequestWithContext': ['*net/http.Request', 'error'],
  'net/http.Get': ['*net/http.Response', 'error'],
  'net/http.Post': ['*net/http.Response', 'error'],
  'net/http/httputil.DumpRequest': ['[]byte', 'error'],
  'net/http/httputil.DumpRequestOut': ['[]byte', 'error'],
  'net/http/httputil.DumpResponse': ['[]byte', 'error'],
  'io.ReadAll': ['[]byte', 'error'],
  'io/ioutil.ReadAll': ['[]byte', 'error'],
  'runtime/debug.Stack': ['[]byte'],
};

/** Result types of methods, by `<receiver type without *>.<Method>`. */
export const GO_METHOD_RESULTS: Record<string, string[]> = {
  'net/http.Request.Context': [GO_CONTEXT],
  'net/http.Request.WithContext': ['*net/http.Request'],
  'net/http.Request.Clone': ['*net/http.Request'],
  'go.opentelemetry.io/otel/trace.Tracer.Start': [GO_CONTEXT, 'go.opentelemetry.io/otel/trace.Span'],
  'go.opentelemetry.io/otel/trace.TracerProvider.Tracer': ['go.opentelemetry.io/otel/trace.Tracer'],
  'context.Context.Err': ['error'],
  'context.Context.Value': ['any'],
  'context.Context.Done': ['<-chan struct{}'],
  'context.Context.Deadline': ['time.Time', 'bool'],
  'google.golang.org/grpc.ServerStream.Context': [GO_CONTEXT],
  'net/http.Client.Do': ['*net/http.Response', 'error'],
  'net/http.Client.Get': ['*net/http.Response', 'error'],
};

/** Builtin type names that stay unqualified. */
export const GO_BUILTIN_TYPES = new Set([
  'any', 'bool', 'byte', 'comparable', 'complex64', 'complex128', 'error', 'float32', 'float64',
  'int', 'int8', 'int16', 'int32', 'int64', 'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32',
  'uint64', 'uintptr',
]);

/** How a sink treats its arguments. */
export type GoSinkShape =
  /** `Printf(format, args...)`: format at `format`, operands after it, printed per verb */
  | { kind: 'printf'; format: number }
  /** `Print(args...)`: every argument from `from` is printed */
  | { kind: 'print'; from: number };

export interface GoSinkSpec {
  family: 'stdout' | 'log' | 'string';
  shape: GoSinkShape;
  /** the first argument must be one of these expressions (`fmt.Fprintf(os.Stdout, …)`) */
  writerArg?: readonly string[];
}

const STD_STREAMS = ['os.Stdout', 'os.Stderr'] as const;
const printf = (format: number) => ({ kind: 'printf', format }) as const;
const print = (from: number) => ({ kind: 'print', from }) as const;

function logFamily(prefixes: readonly string[]): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  for (const p of prefixes) {
    for (const v of ['Print', 'Fatal', 'Panic']) {
      out[`${p}${v}`] = { family: 'log', shape: print(0) };
      out[`${p}${v}ln`] = { family: 'log', shape: print(0) };
      out[`${p}${v}f`] = { family: 'log', shape: printf(0) };
    }
  }
  return out;
}

/** Package-level sink functions, by `<import path>.<Func>`. */
export const GO_SINK_FUNCS: Record<string, GoSinkSpec> = {
  'fmt.Print': { family: 'stdout', shape: print(0) },
  'fmt.Println': { family: 'stdout', shape: print(0) },
  'fmt.Printf': { family: 'stdout', shape: printf(0) },
  'fmt.Fprint': { family: 'stdout', shape: print(1), writerArg: STD_STREAMS },
  'fmt.Fprintln': { family: 'stdout', shape: print(1), writerArg: STD_STREAMS },
  'fmt.Fprintf': { family: 'stdout', shape: printf(1), writerArg: STD_STREAMS },
  'fmt.Sprint': { family: 'string', shape: print(0) },
  'fmt.Sprintln': { family: 'string', shape: print(0) },
  'fmt.Sprintf': { family: 'string', shape: printf(0) },
  ...logFamily(['log.']),
  'log.Output': { family: 'log', shape: print(1) },
};

/** Sink methods, by `<receiver type without *>.<Method>`. */
export const GO_SINK_METHODS: Record<string, GoSinkSpec> = {
  ...logFamily(['log.Logger.']),
};

/** Types whose whole value is a request-scoped context (printing one dumps every value in it). */
export const GO_CONTEXT_TYPES = new Set<string>([GO_CONTEXT]);
