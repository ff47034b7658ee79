/**
 * Tables of well-known Go library signatures: what logvol knows without a Go toolchain.
 * Keys use canonical type strings (see TypeRef): `<import path>.<Name>`, `*` for pointers.
 */

export const GO_CONTEXT = 'context.Context';

const ZEROLOG_EVENT_METHODS: string[] = [];

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
  'net/http.NewServeMux': ['*net/http.ServeMux'],
  'net/http.Get': ['*net/http.Response', 'error'],
  'net/http.Post': ['*net/http.Response', 'error'],
  'net/http/httputil.DumpRequest': ['[]byte', 'error'],
  'net/http/httputil.DumpRequestOut': ['[]byte', 'error'],
  'net/http/httputil.DumpResponse': ['[]byte', 'error'],
  'io.ReadAll': ['[]byte', 'error'],
  'io/ioutil.ReadAll': ['[]byte', 'error'],
  'runtime/debug.Stack': ['[]byte'],
  'go.uber.org/zap.NewProduction': ['*go.uber.org/zap.Logger', 'error'],
  'go.uber.org/zap.NewDevelopment': ['*go.uber.org/zap.Logger', 'error'],
  'go.uber.org/zap.NewExample': ['*go.uber.org/zap.Logger'],
  'go.uber.org/zap.New': ['*go.uber.org/zap.Logger'],
  'go.uber.org/zap.L': ['*go.uber.org/zap.Logger'],
  'go.uber.org/zap.S': ['*go.uber.org/zap.SugaredLogger'],
  'github.com/sirupsen/logrus.New': ['*github.com/sirupsen/logrus.Logger'],
  'github.com/sirupsen/logrus.StandardLogger': ['*github.com/sirupsen/logrus.Logger'],
  'github.com/sirupsen/logrus.WithField': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.WithFields': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.WithContext': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.WithError': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/rs/zerolog.New': ['github.com/rs/zerolog.Logger'],
  'github.com/rs/zerolog.Ctx': ['*github.com/rs/zerolog.Logger'],
  'github.com/rs/zerolog/log.Info': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Debug': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Warn': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Error': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Trace': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Fatal': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Err': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Log': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog/log.Ctx': ['*github.com/rs/zerolog.Logger'],
  'log/slog.Default': ['*log/slog.Logger'],
  'log/slog.New': ['*log/slog.Logger'],
  'log/slog.With': ['*log/slog.Logger'],
  'k8s.io/klog/v2.V': ['k8s.io/klog/v2.Verbose'],
  'github.com/go-kit/log.NewLogfmtLogger': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log.NewJSONLogger': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log.With': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log/level.Info': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log/level.Debug': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log/level.Warn': ['github.com/go-kit/log.Logger'],
  'github.com/go-kit/log/level.Error': ['github.com/go-kit/log.Logger'],
  'github.com/labstack/echo/v4.New': ['*github.com/labstack/echo/v4.Echo'],
  'github.com/labstack/echo/v5.New': ['*github.com/labstack/echo/v5.Echo'],
  'github.com/go-pkgz/lgr.New': ['*github.com/go-pkgz/lgr.Logger'],
  'github.com/go-pkgz/lgr.Default': ['github.com/go-pkgz/lgr.L'],
  'github.com/sirupsen/logrus.NewEntry': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/gin-gonic/gin.New': ['*github.com/gin-gonic/gin.Engine'],
  'github.com/gin-gonic/gin.Default': ['*github.com/gin-gonic/gin.Engine'],
  // routers whose handlers are entry points (model.ts HANDLER_PACKAGES): flamego (gogs), macaron, httprouter
  'github.com/flamego/flamego.New': ['*github.com/flamego/flamego.Flame'],
  'github.com/flamego/flamego.Classic': ['*github.com/flamego/flamego.Flame'],
  'gopkg.in/macaron.v1.New': ['*gopkg.in/macaron.v1.Macaron'],
  'gopkg.in/macaron.v1.Classic': ['*gopkg.in/macaron.v1.Macaron'],
  'github.com/go-macaron/macaron.New': ['*github.com/go-macaron/macaron.Macaron'],
  'github.com/go-macaron/macaron.Classic': ['*github.com/go-macaron/macaron.Macaron'],
  'github.com/julienschmidt/httprouter.New': ['*github.com/julienschmidt/httprouter.Router'],
};

/** zerolog's *Event builder methods all return the event. */
for (const m of ['Str', 'Strs', 'Int', 'Int64', 'Uint', 'Float64', 'Bool', 'Err', 'AnErr', 'Dur', 'Time', 'Timestamp', 'Caller', 'Stack', 'Interface', 'Any', 'Fields', 'Dict', 'Bytes', 'Hex', 'RawJSON', 'Ctx', 'Stringer', 'Object', 'EmbedObject', 'Array']) {
  // filled below, after GO_METHOD_RESULTS is declared
  ZEROLOG_EVENT_METHODS.push(m);
}

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
  'github.com/labstack/echo/v4.Context.Request': ['*net/http.Request'],
  // echo v5: the handler takes a *echo.Context, a struct (the vikunja audit)
  'github.com/labstack/echo/v5.Context.Request': ['*net/http.Request'],
  'github.com/labstack/echo.Context.Request': ['*net/http.Request'],
  'github.com/gin-gonic/gin.Context.GetRawData': ['[]byte', 'error'],
  'github.com/gofiber/fiber/v2.Ctx.Body': ['[]byte'],
  'github.com/gofiber/fiber/v2.Ctx.BodyRaw': ['[]byte'],
  'github.com/gofiber/fiber/v2.Ctx.Context': ['*github.com/valyala/fasthttp.RequestCtx'],
  'github.com/gofiber/fiber/v2.Ctx.UserContext': [GO_CONTEXT],
  // macaron's `m.Combo("/x").Get(show).Post(save)`: each registers a handler (model.ts HANDLER_PACKAGES)
  'gopkg.in/macaron.v1.Macaron.Combo': ['*gopkg.in/macaron.v1.ComboRouter'],
  'gopkg.in/macaron.v1.Router.Combo': ['*gopkg.in/macaron.v1.ComboRouter'],
  ...Object.fromEntries(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head'].map((m) => [`gopkg.in/macaron.v1.ComboRouter.${m}`, ['*gopkg.in/macaron.v1.ComboRouter']])),
  'github.com/rs/zerolog.Logger.Info': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Debug': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Warn': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Error': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Trace': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Fatal': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Err': ['*github.com/rs/zerolog.Event'],
  'github.com/rs/zerolog.Logger.Log': ['*github.com/rs/zerolog.Event'],
  'go.uber.org/zap.Logger.Sugar': ['*go.uber.org/zap.SugaredLogger'],
  'go.uber.org/zap.Logger.With': ['*go.uber.org/zap.Logger'],
  'go.uber.org/zap.Logger.Named': ['*go.uber.org/zap.Logger'],
  'go.uber.org/zap.SugaredLogger.With': ['*go.uber.org/zap.SugaredLogger'],
  'go.uber.org/zap.SugaredLogger.Named': ['*go.uber.org/zap.SugaredLogger'],
  'github.com/sirupsen/logrus.Logger.WithField': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Logger.WithFields': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Logger.WithContext': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Logger.WithError': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Entry.WithField': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Entry.WithFields': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Entry.WithContext': ['*github.com/sirupsen/logrus.Entry'],
  'github.com/sirupsen/logrus.Entry.WithError': ['*github.com/sirupsen/logrus.Entry'],
  'log/slog.Logger.With': ['*log/slog.Logger'],
  'log/slog.Logger.WithGroup': ['*log/slog.Logger'],
  'k8s.io/klog/v2.Verbose.Enabled': ['bool'],
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
  | { kind: 'print'; from: number }
  /** `slog.Info(msg, k1, v1, …)`: message at `msg`, then alternating keys and printed values (or attrs) */
  | { kind: 'kv'; msg: number; from: number }
  /** `zap.Any(key, v)`, `logrus.WithField(key, v)`: the value at `value` is printed */
  | { kind: 'field'; value: number }
  /** `zap.String(…)`, `logger.Info(msg, fields...)`: only the message is text; fields are sinks of their own */
  | { kind: 'message'; msg: number }
  /** `logrus.WithFields(logrus.Fields{…})`: every value of the map literal is printed */
  | { kind: 'fields-map'; arg: number };

export interface GoSinkSpec {
  family: 'stdout' | 'log' | 'string';
  shape: GoSinkShape;
  /** argument index of a context parameter that is not printed (`slog.InfoContext(ctx, …)`) */
  contextParam?: number;
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
  'github.com/go-pkgz/lgr.Printf': { family: 'log', shape: printf(0) },
  'github.com/go-pkgz/lgr.Print': { family: 'log', shape: print(0) },
  'github.com/go-pkgz/lgr.Fatalf': { family: 'log', shape: printf(0) },
};

const LEVELS = ['Debug', 'Info', 'Warn', 'Error', 'DPanic', 'Panic', 'Fatal'];
const kv = (msg: number, from: number, contextParam?: number): GoSinkSpec => ({
  family: 'log',
  shape: { kind: 'kv', msg, from },
  ...(contextParam !== undefined ? { contextParam } : {}),
});
const field = (value: number): GoSinkSpec => ({ family: 'log', shape: { kind: 'field', value } });

function slogFamily(prefix: string): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  for (const l of ['Debug', 'Info', 'Warn', 'Error']) {
    out[`${prefix}${l}`] = kv(0, 1);
    out[`${prefix}${l}Context`] = kv(1, 2, 0);
  }
  out[`${prefix}Log`] = kv(2, 3, 0);
  out[`${prefix}With`] = kv(-1, 0);
  return out;
}

function zapFamily(): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  const Z = 'go.uber.org/zap';
  for (const l of LEVELS) {
    out[`${Z}.Logger.${l}`] = { family: 'log', shape: { kind: 'message', msg: 0 } };
    out[`${Z}.SugaredLogger.${l}`] = { family: 'log', shape: print(0) };
    out[`${Z}.SugaredLogger.${l}f`] = { family: 'log', shape: printf(0) };
    out[`${Z}.SugaredLogger.${l}ln`] = { family: 'log', shape: print(0) };
    out[`${Z}.SugaredLogger.${l}w`] = kv(0, 1);
  }
  out[`${Z}.SugaredLogger.With`] = kv(-1, 0);
  // (typed string and byte fields too: `zap.String("body", string(body))` writes the body whole,
  // `zap.String("stack", string(debug.Stack()))` a stack: the hatchet audit)
  for (const f of ['Any', 'Reflect', 'Stringer', 'Object', 'Inline', 'String', 'ByteString', 'Binary']) out[`${Z}.${f}`] = field(1);
  return out;
}

function logrusFamily(): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  const L = 'github.com/sirupsen/logrus';
  const names: string[] = [];
  for (const l of ['Trace', 'Debug', 'Info', 'Print', 'Warn', 'Warning', 'Error', 'Fatal', 'Panic']) names.push(l, `${l}f`, `${l}ln`);
  for (const recv of [`${L}.`, `${L}.Logger.`, `${L}.Entry.`]) {
    for (const n of names) out[`${recv}${n}`] = { family: 'log', shape: n.endsWith('f') ? printf(0) : print(0) };
    out[`${recv}WithField`] = field(1);
    out[`${recv}WithFields`] = { family: 'log', shape: { kind: 'fields-map', arg: 0 } };
    out[`${recv}Log`] = { family: 'log', shape: print(1) };
    out[`${recv}Logf`] = { family: 'log', shape: printf(1) };
  }
  return out;
}

function zerologFamily(): Record<string, GoSinkSpec> {
  const E = 'github.com/rs/zerolog.Event';
  return {
    [`${E}.Interface`]: field(1),
    [`${E}.Any`]: field(1),
    [`${E}.Str`]: field(1),
    [`${E}.Bytes`]: field(1),
    [`${E}.Hex`]: field(1),
    [`${E}.RawJSON`]: field(1),
    [`${E}.Msgf`]: { family: 'log', shape: printf(0) },
    [`${E}.Msg`]: { family: 'log', shape: { kind: 'message', msg: 0 } },
    [`${E}.Fields`]: { family: 'log', shape: { kind: 'fields-map', arg: 0 } },
  };
}

function klogFamily(): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  for (const recv of ['k8s.io/klog/v2.', 'k8s.io/klog/v2.Verbose.', 'k8s.io/klog.', 'github.com/golang/glog.']) {
    for (const l of ['Info', 'Warning', 'Error', 'Fatal', 'Exit']) {
      out[`${recv}${l}`] = { family: 'log', shape: print(0) };
      out[`${recv}${l}ln`] = { family: 'log', shape: print(0) };
      out[`${recv}${l}f`] = { family: 'log', shape: printf(0) };
    }
    out[`${recv}InfoS`] = kv(0, 1);
    out[`${recv}ErrorS`] = kv(1, 2);
    out[`${recv}InfoSDepth`] = kv(1, 2);
  }
  return out;
}

/**
 * openimsdk/tools/log: context-first key-value loggers, `log.ZInfo(ctx, "msg", "k", v)` and
 * `log.ZWarn(ctx, "msg", err, "k", v)`. The ctx is the logger's context parameter; values are printed.
 */
function openimFamily(): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  const L = 'github.com/openimsdk/tools/log';
  for (const recv of [`${L}.`, `${L}.Logger.`]) {
    const z = recv === `${L}.` ? 'Z' : '';
    out[`${recv}${z}Debug`] = kv(1, 2, 0);
    out[`${recv}${z}Info`] = kv(1, 2, 0);
    out[`${recv}${z}Warn`] = kv(1, 3, 0);
    out[`${recv}${z}Error`] = kv(1, 3, 0);
  }
  return out;
}

/**
 * go-pkgz/lgr (remark42's logger, the stop 36 audit): printf-style, the level a prefix of the
 * format (`"[WARN] …"`, levels.ts). Package functions here; its `*Logger`, its `L` interface
 * (`lgr.Default()`, a component's injected logger) and its `Func` adapter (`lgr.Std`) write with `Logf`.
 */
const LGR = 'github.com/go-pkgz/lgr';
function lgrFamily(): Record<string, GoSinkSpec> {
  const out: Record<string, GoSinkSpec> = {};
  for (const recv of ['Logger', 'L', 'Func']) out[`${LGR}.${recv}.Logf`] = { family: 'log', shape: printf(0) };
  return out;
}

/** Sink methods, by `<receiver type without *>.<Method>`. */
export const GO_SINK_METHODS: Record<string, GoSinkSpec> = {
  ...logFamily(['log.Logger.']),
  ...slogFamily('log/slog.Logger.'),
  ...zapFamily(),
  ...logrusFamily(),
  ...zerologFamily(),
  ...klogFamily(),
  ...openimFamily(),
  'github.com/go-kit/log.Logger.Log': kv(-1, 0),
  'github.com/go-kit/kit/log.Logger.Log': kv(-1, 0),
  ...lgrFamily(),
};

Object.assign(GO_SINK_FUNCS, slogFamily('log/slog.'), {
  'log/slog.Any': field(1),
  'log/slog.String': field(1),
  'log/slog.Group': kv(-1, 1),
});


/** Types whose whole value is a request-scoped context (printing one dumps every value in it). */
export const GO_CONTEXT_TYPES = new Set<string>([
  GO_CONTEXT,
  'github.com/gin-gonic/gin.Context',
  'github.com/labstack/echo/v4.Context',
  'github.com/labstack/echo/v5.Context',
  'github.com/labstack/echo.Context',
  'github.com/gofiber/fiber/v2.Ctx',
  'github.com/gofiber/fiber/v3.Ctx',
  'github.com/valyala/fasthttp.RequestCtx',
]);

/** Whole requests, responses, headers and metadata: printing one dumps it. */
export const GO_REQUEST_TYPES = new Set<string>([
  'net/http.Request',
  'net/http.Response',
  'net/http.Header',
  'google.golang.org/grpc/metadata.MD',
  'github.com/valyala/fasthttp.Request',
  'github.com/valyala/fasthttp.Response',
]);

const JWW = 'github.com/spf13/jwalterweatherman';
const JWW_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'FATAL', 'LOG'];

/** Fields of library structs, by `<type without *>#<field>`. */
export const GO_FIELD_TYPES: Record<string, string> = {
  'net/http.Request#Header': 'net/http.Header',
  'net/http.Request#Body': 'io.ReadCloser',
  'net/http.Request#URL': '*net/url.URL',
  'net/http.Request#Method': 'string',
  'net/http.Request#Host': 'string',
  'net/http.Request#RemoteAddr': 'string',
  'net/http.Response#Header': 'net/http.Header',
  'net/http.Response#Body': 'io.ReadCloser',
  'net/http.Response#StatusCode': 'int',
  'github.com/gin-gonic/gin.Context#Request': '*net/http.Request',
  'github.com/gin-gonic/gin.Context#Writer': 'github.com/gin-gonic/gin.ResponseWriter',
  'github.com/gin-gonic/gin.Context#Params': 'github.com/gin-gonic/gin.Params',
  'github.com/gin-gonic/gin.Context#Keys': 'map[string]any',
  'net/url.URL#Path': 'string',
  'net/url.URL#RawQuery': 'string',
  // a jww.Notepad's level loggers (`notepad.DEBUG.Println`)
  ...Object.fromEntries(JWW_LEVELS.map((l) => [`${JWW}.Notepad#${l}`, '*log.Logger'])),
};

/** Package-level variables of libraries, by `<import path>.<Name>`. */
export const GO_PKG_VARS: Record<string, string> = {
  'net/http.DefaultClient': '*net/http.Client',
  'github.com/rs/zerolog/log.Logger': 'github.com/rs/zerolog.Logger',
  'github.com/go-pkgz/lgr.Std': 'github.com/go-pkgz/lgr.Func',
  // spf13/jwalterweatherman's level loggers (`jww.INFO.Printf`): evcc's, Hugo's
  ...Object.fromEntries(JWW_LEVELS.map((l) => [`${JWW}.${l}`, '*log.Logger'])),
};

/** `github.com/pkg/errors` constructors whose error records a stack trace (printed by `%+v`). */
export const PKG_ERRORS_STACK = new Set(
  ['New', 'Errorf', 'Wrap', 'Wrapf', 'WithStack'].map((f) => `github.com/pkg/errors.${f}`),
);

/** Calls whose result is a request body or a dump: `<callee key>` → tag. */
export const GO_BODY_PRODUCERS: Record<string, 'body' | 'dump'> = {
  'net/http/httputil.DumpRequest': 'dump',
  'net/http/httputil.DumpRequestOut': 'dump',
  'net/http/httputil.DumpResponse': 'dump',
  'github.com/gin-gonic/gin.Context.GetRawData': 'body',
  'github.com/gofiber/fiber/v2.Ctx.Body': 'body',
  'github.com/gofiber/fiber/v2.Ctx.BodyRaw': 'body',
  'github.com/gofiber/fiber/v3.Ctx.Body': 'body',
  'github.com/valyala/fasthttp.RequestCtx.PostBody': 'body',
};

/** `io.ReadAll(x.Body)` and friends read a whole body. */
export const GO_READ_ALL = new Set(['io.ReadAll', 'io/ioutil.ReadAll']);

/** Calls that build an outgoing HTTP request: its headers are the service's own (request-dump). */
export const GO_REQUEST_BUILDERS = new Set(['net/http.NewRequest', 'net/http.NewRequestWithContext']);

/** Handler parameter types that mark a function as a request entry point. */
export const GO_HANDLER_PARAM_TYPES: Record<string, string> = {
  '*github.com/gin-gonic/gin.Context': 'gin handler',
  'github.com/labstack/echo/v4.Context': 'echo handler',
  '*github.com/labstack/echo/v5.Context': 'echo handler',
  'github.com/labstack/echo.Context': 'echo handler',
  '*github.com/gofiber/fiber/v2.Ctx': 'fiber handler',
  'github.com/gofiber/fiber/v3.Ctx': 'fiber handler',
  '*github.com/valyala/fasthttp.RequestCtx': 'fasthttp handler',
  // pocketbase's router (its own and an app's built on it: the stop 36 audit)
  '*github.com/pocketbase/pocketbase/core.RequestEvent': 'pocketbase handler',
  '*google.golang.org/grpc.UnaryServerInfo': 'gRPC unary interceptor',
  '*google.golang.org/grpc.StreamServerInfo': 'gRPC stream interceptor',
  'github.com/IBM/sarama.ConsumerGroupClaim': 'sarama consumer',
  'github.com/Shopify/sarama.ConsumerGroupClaim': 'sarama consumer',
};

/**
 * Methods whose call inside a `for` loop makes the loop a per-message loop: a reader's next message,
 * a stream's `Recv`, a work queue's `Dequeue` (each item taken is one unit of work: dskit's request
 * queues, a scheduler's dispatch loop).
 */
export const GO_MESSAGE_READS = new Set(['ReadMessage', 'FetchMessage', 'ReadJSON', 'Recv', 'Dequeue']);

/** Callbacks passed to these run once, not per request. */
export const GO_ONCE_CALLS = new Set(['sync.Once.Do']);

const GRPC_RECOVERY = ['github.com/grpc-ecosystem/go-grpc-middleware/recovery', 'github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery'];
/**
 * Calls that install a panic-recovery handler: the library calls the function given only from its
 * own deferred recover() (go-grpc-middleware's recovery interceptors, gin's CustomRecovery), so
 * the function runs on a panic path, as a call inside a recover() block does.
 */
export const GO_RECOVERY_HANDLER_CALLS = new Set([
  ...GRPC_RECOVERY.flatMap((p) => [`${p}.WithRecoveryHandler`, `${p}.WithRecoveryHandlerContext`]),
  'github.com/gin-gonic/gin.CustomRecovery',
  'github.com/gin-gonic/gin.CustomRecoveryWithWriter',
  // gqlgen calls it when a resolver panics (the stash audit)
  'github.com/99designs/gqlgen/graphql/handler.Server.SetRecoverFunc',
]);
/** The types of those handlers: the function literals of a function that returns one are the handler it builds. */
export const GO_RECOVERY_HANDLER_TYPES = new Set([...GRPC_RECOVERY.flatMap((p) => [`${p}.RecoveryHandlerFunc`, `${p}.RecoveryHandlerFuncContext`]), 'github.com/gin-gonic/gin.RecoveryFunc', 'github.com/99designs/gqlgen/graphql.RecoverFunc']);


for (const c of ['New', 'NewDefaultServer']) GO_FUNC_RESULTS[`github.com/99designs/gqlgen/graphql/handler.${c}`] = ['*github.com/99designs/gqlgen/graphql/handler.Server'];
for (const m of ZEROLOG_EVENT_METHODS) GO_METHOD_RESULTS[`github.com/rs/zerolog.Event.${m}`] = ['*github.com/rs/zerolog.Event'];

for (const c of ['Any', 'String', 'Int', 'Int64', 'Uint64', 'Float64', 'Bool', 'Time', 'Duration', 'Group']) GO_FUNC_RESULTS[`log/slog.${c}`] = ['log/slog.Attr'];
for (const c of ['Any', 'Reflect', 'Stringer', 'Object', 'Inline', 'String', 'Strings', 'Int', 'Int64', 'Uint64', 'Float64', 'Bool', 'Error', 'NamedError', 'Duration', 'Time', 'Stack', 'StackSkip', 'ByteString', 'Binary']) GO_FUNC_RESULTS[`go.uber.org/zap.${c}`] = ['go.uber.org/zap.Field'];

/**
 * `golang.org/x/exp/slog`: `log/slog` before Go 1.21, the same API under another import path
 * (netmaker imports it in 44 files: the Go audit of stop 40). Every `log/slog` entry above has its
 * twin, its types moved to the other path.
 */
const SLOG = 'log/slog.';
const EXP_SLOG = 'golang.org/x/exp/slog.';
const expType = (t: string): string => t.replace(/^(\*?)log\/slog\./, `$1${EXP_SLOG}`);
for (const table of [GO_FUNC_RESULTS, GO_METHOD_RESULTS]) {
  for (const [k, v] of Object.entries(table)) if (k.startsWith(SLOG)) table[EXP_SLOG + k.slice(SLOG.length)] = v.map(expType);
}
for (const table of [GO_SINK_FUNCS, GO_SINK_METHODS]) {
  for (const [k, v] of Object.entries(table)) if (k.startsWith(SLOG)) table[EXP_SLOG + k.slice(SLOG.length)] = v;
}
/** The structured-field types (`slog.Attr` of either path, `zap.Field`). */
export const GO_ATTR_TYPES = new Set(['log/slog.Attr', `${EXP_SLOG}Attr`, 'go.uber.org/zap.Field', 'go.uber.org/zap/zapcore.Field']);
