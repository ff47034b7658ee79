/**
 * Tables of well-known TS/JS library shapes: what logvol knows without a type checker.
 *
 * Types are short canonical strings (`express.Request`, `otel.Span`, `logger.pino`). A module's
 * exports are keyed `<module specifier>#<export name>` (`default` and `*` for default and namespace
 * imports); members are keyed `<type>.<segment>`, where a segment is a property (`body`), a method
 * call (`getActiveSpan()`), a call of the value itself (`()`) or construction (`new`).
 */

/**
 * Module exports whose meaning as a type annotation differs from the value's: express's `Router` is
 * the factory as a value (`Router()`) and a router as a type (`const r: Router = Router()`: the
 * erxes audit, 23 routers whose routes were not entry points).
 */
export const TS_TYPE_EXPORTS: Record<string, string> = {
  'express#Router': 'express.Router',
};

/** Module exports → type. For classes, `<type>.new` in TS_MEMBERS gives the instance type. */
export const TS_MODULE_EXPORTS: Record<string, string> = {
  'express#default': 'express.Factory',
  'express#*': 'express.Factory',
  'express#Router': 'express.RouterFactory',
  'express#Request': 'express.Request',
  'express#Response': 'express.Response',
  'express#NextFunction': 'fn',
  'express#Express': 'express.App',
  'express#Application': 'express.App',
  'express-serve-static-core#Request': 'express.Request',
  'express-serve-static-core#Response': 'express.Response',
  'http#IncomingMessage': 'http.IncomingMessage',
  'http#ServerResponse': 'http.ServerResponse',
  'node:http#IncomingMessage': 'http.IncomingMessage',
  'node:http#ServerResponse': 'http.ServerResponse',
  'next#NextApiRequest': 'http.IncomingMessage',
  'next#NextApiResponse': 'http.ServerResponse',
  'next/server#NextRequest': 'fetch.Request',
  'koa#default': 'koa.Class',
  'koa#*': 'koa.Class',
  'koa#Context': 'koa.Context',
  'koa#ParameterizedContext': 'koa.Context',
  'koa#DefaultContext': 'koa.Context',
  'koa#Request': 'koa.Request',
  '@koa/router#default': 'koarouter.Class',
  '@koa/router#*': 'koarouter.Class',
  '@koa/router#RouterContext': 'koa.Context',
  'koa-router#default': 'koarouter.Class',
  'koa-router#*': 'koarouter.Class',
  'koa-router#RouterContext': 'koa.Context',
  'fastify#default': 'fastify.Factory',
  'fastify#*': 'fastify.Factory',
  'fastify#fastify': 'fastify.Factory',
  'fastify#FastifyRequest': 'fastify.Request',
  'fastify#FastifyReply': 'fastify.Reply',
  'fastify#FastifyInstance': 'fastify.Instance',
  'hono#Hono': 'hono.Class',
  'hono#Context': 'hono.Context',
  // GitHub webhooks: handlers given to `webhooks.on(event, h)` run per delivery (webhookEvent)
  '@octokit/webhooks#Webhooks': 'octokit.WebhooksClass',
  '@octokit/app#App': 'octokit.AppClass',
  'octokit#App': 'octokit.AppClass',
  'probot#Probot': 'probot.App',
  '@nestjs/common#Logger': 'nest.LoggerClass',
  '@nestjs/common#ExecutionContext': 'nest.ExecutionContext',
  '@nestjs/common#ArgumentsHost': 'nest.ExecutionContext',
  '@nestjs/common#Request': 'nest.ReqDecorator',
  'nestjs-pino#PinoLogger': 'logger.pino',
  'nestjs-pino#Logger': 'logger.nest',
  '@grpc/grpc-js#ServerUnaryCall': 'grpc.Call',
  '@grpc/grpc-js#ServerReadableStream': 'grpc.Call',
  '@grpc/grpc-js#ServerWritableStream': 'grpc.Call',
  '@grpc/grpc-js#ServerDuplexStream': 'grpc.Call',
  '@grpc/grpc-js#Metadata': 'grpc.Metadata',
  '@grpc/grpc-js#Server': 'grpc.ServerClass',
  '@grpc/grpc-js#*': 'grpc.Module',
  '@grpc/grpc-js#default': 'grpc.Module',
  'aws-lambda#Context': 'lambda.Context',
  'aws-lambda#APIGatewayProxyEvent': 'lambda.Event',
  'aws-lambda#APIGatewayProxyEventV2': 'lambda.Event',
  'aws-lambda#APIGatewayEvent': 'lambda.Event',
  'aws-lambda#ALBEvent': 'lambda.Event',
  'aws-lambda#SQSEvent': 'lambda.Event',
  'aws-lambda#SNSEvent': 'lambda.Event',
  'aws-lambda#S3Event': 'lambda.Event',
  'aws-lambda#EventBridgeEvent': 'lambda.Event',
  'aws-lambda#DynamoDBStreamEvent': 'lambda.Event',
  'aws-lambda#KinesisStreamEvent': 'lambda.Event',
  '@opentelemetry/api#Span': 'otel.Span',
  '@opentelemetry/api#Context': 'otel.Context',
  '@opentelemetry/api#trace': 'otel.TraceAPI',
  '@opentelemetry/api#context': 'otel.ContextAPI',
  '@opentelemetry/api#Tracer': 'otel.Tracer',
  '@opentelemetry/api#default': 'otel.API',
  '@opentelemetry/api#*': 'otel.API',
  'pino#default': 'pino.Factory',
  'pino#*': 'pino.Factory',
  'pino#pino': 'pino.Factory',
  'pino#Logger': 'logger.pino',
  'winston#default': 'winston.Module',
  'winston#*': 'winston.Module',
  'winston#createLogger': 'winston.Factory',
  'winston#Logger': 'logger.winston',
  'bunyan#default': 'bunyan.Module',
  'bunyan#*': 'bunyan.Module',
  'bunyan#createLogger': 'bunyan.Factory',
  'log4js#default': 'log4js.Module',
  'log4js#*': 'log4js.Module',
  'log4js#getLogger': 'log4js.Factory',
  'log4js#Logger': 'logger.log4js',
  'debug#default': 'debug.Factory',
  'debug#*': 'debug.Factory',
  'debug#Debugger': 'logger.debug',
  'moment-timezone#default': 'moment.Static',
  'moment-timezone#*': 'moment.Static',
  'moment#default': 'moment.Static',
  'moment#*': 'moment.Static',
};

/** `<type>.<segment>` → type. */
export const TS_MEMBERS: Record<string, string> = {
  'express.Factory.()': 'express.App',
  'express.Factory.Router()': 'express.Router',
  'express.RouterFactory.()': 'express.Router',
  'express.App.route()': 'express.Route',
  'express.Router.route()': 'express.Route',
  'express.Request.body': 'req.body',
  'express.Request.headers': 'req.headers',
  'express.Request.rawHeaders': 'req.headers',
  'express.Request.res': 'express.Response',
  'express.Request.log': 'logger.pino',
  'express.Request.socket': 'net.Socket',
  'express.Response.req': 'express.Request',
  'express.Response.log': 'logger.pino',
  'http.IncomingMessage.headers': 'req.headers',
  'http.IncomingMessage.rawHeaders': 'req.headers',
  'http.IncomingMessage.body': 'req.body',
  'http.IncomingMessage.socket': 'net.Socket',
  'http.ServerResponse.req': 'http.IncomingMessage',
  'fetch.Request.headers': 'req.headers',
  'fetch.Request.json()': 'req.body',
  'koa.Class.new': 'koa.App',
  'koa.Context.request': 'koa.Request',
  'koa.Context.response': 'koa.Response',
  'koa.Context.req': 'http.IncomingMessage',
  'koa.Context.res': 'http.ServerResponse',
  'koa.Context.headers': 'req.headers',
  'koa.Context.header': 'req.headers',
  'koa.Context.body': 'req.body',
  'koa.Request.body': 'req.body',
  'koa.Request.headers': 'req.headers',
  'koa.Request.header': 'req.headers',
  'koa.Response.body': 'req.body',
  'koarouter.Class.new': 'koa.Router',
  'fastify.Factory.()': 'fastify.Instance',
  'fastify.Instance.log': 'logger.pino',
  'fastify.Request.body': 'req.body',
  'fastify.Request.headers': 'req.headers',
  'fastify.Request.raw': 'http.IncomingMessage',
  'fastify.Request.log': 'logger.pino',
  'fastify.Reply.log': 'logger.pino',
  'fastify.Reply.request': 'fastify.Request',
  'hono.Class.new': 'hono.App',
  'octokit.WebhooksClass.new': 'octokit.Webhooks',
  'octokit.AppClass.new': 'octokit.App',
  'octokit.App.webhooks': 'octokit.Webhooks',
  'probot.App.webhooks': 'octokit.Webhooks',
  'hono.Context.req': 'hono.Request',
  'hono.Request.raw': 'fetch.Request',
  'hono.Request.json()': 'req.body',
  'hono.Request.parseBody()': 'req.body',
  'nest.LoggerClass.new': 'logger.nest',
  'nest.ExecutionContext.switchToHttp()': 'nest.HttpArgumentsHost',
  'nest.HttpArgumentsHost.getRequest()': 'express.Request',
  'nest.HttpArgumentsHost.getResponse()': 'express.Response',
  'grpc.Module.Server': 'grpc.ServerClass',
  'grpc.ServerClass.new': 'grpc.Server',
  'grpc.Call.request': 'grpc.Message',
  'grpc.Call.metadata': 'grpc.Metadata',
  'grpc.Metadata.getMap()': 'grpc.Metadata',
  'lambda.Event.body': 'req.body',
  'lambda.Event.headers': 'req.headers',
  'lambda.Event.multiValueHeaders': 'req.headers',
  'otel.API.trace': 'otel.TraceAPI',
  'otel.API.context': 'otel.ContextAPI',
  'otel.TraceAPI.getActiveSpan()': 'otel.Span',
  'otel.TraceAPI.getSpan()': 'otel.Span',
  'otel.TraceAPI.setSpan()': 'otel.Context',
  'otel.TraceAPI.getTracer()': 'otel.Tracer',
  'otel.Tracer.startSpan()': 'otel.Span',
  'otel.ContextAPI.active()': 'otel.Context',
  'otel.Context.setValue()': 'otel.Context',
  'otel.Context.deleteValue()': 'otel.Context',
  'otel.Span.setAttribute()': 'otel.Span',
  'otel.Span.setAttributes()': 'otel.Span',
  'otel.Span.spanContext()': 'otel.SpanContext',
  'pino.Factory.()': 'logger.pino',
  'logger.pino.child()': 'logger.pino',
  'winston.Module.createLogger()': 'logger.winston',
  'winston.Factory.()': 'logger.winston',
  'logger.winston.child()': 'logger.winston',
  'bunyan.Module.createLogger()': 'logger.bunyan',
  'bunyan.Factory.()': 'logger.bunyan',
  'logger.bunyan.child()': 'logger.bunyan',
  'log4js.Module.getLogger()': 'logger.log4js',
  'log4js.Factory.()': 'logger.log4js',
  'debug.Factory.()': 'logger.debug',
  'logger.debug.extend()': 'logger.debug',
  'moment.Static.tz': 'moment.Tz',
  'global.Intl.DateTimeFormat': 'intl.DateTimeFormatClass',
  'intl.DateTimeFormatClass.new': 'intl.DateTimeFormat',
  'intl.DateTimeFormatClass.()': 'intl.DateTimeFormat',
  'global.process.stdout': 'stream.Std',
  'global.process.stderr': 'stream.Std',
};

/** Log methods per logger type. `()` = the value itself is called (debug). */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const TS_LOGGER_METHODS: Record<string, readonly string[]> = {
  'logger.pino': LEVELS,
  'logger.bunyan': LEVELS,
  'logger.winston': ['log', 'info', 'warn', 'error', 'debug', 'verbose', 'silly', 'http', 'emerg', 'alert', 'crit', 'notice', 'warning'],
  'winston.Module': ['log', 'info', 'warn', 'error', 'debug', 'verbose', 'silly'],
  'logger.nest': ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
  'nest.LoggerClass': ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
  'logger.log4js': [...LEVELS, 'mark', 'log'],
  'logger.debug': ['()'],
  'global.console': ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'dirxml'],
  'stream.Std': ['write'],
};

/** Names a logger goes by when nothing else tells its type (`this.logger.info`, `log.warn`). */
export const LOGGER_NAME = /^_*(logger|log|LOGGER|LOG|Logger|[a-z]\w*Logger|[a-z]\w*Log)$/;
/**
 * A class of the project named as a logger (`Logger`, `AppLogger`): when its code names the console
 * or a standard stream (TsClass.writes), its level methods write a line each, however they reach
 * the output (trigger.dev's `Logger` hands `console.info` to a private method that writes the JSON
 * it builds: no forwarding a wrapper could be found by).
 */
export const LOGGER_CLASS = /^(?:[A-Z]\w*)?Logger$/;
/** Level methods accepted with LOGGER_NAME. */
export const LOGGER_LEVEL_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'log']);

/** Free identifiers that are globals we model. */
export const TS_GLOBALS = new Set(['console', 'process', 'JSON', 'Intl', 'Date', 'Error', 'util']);

export const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
export const TIMER_FUNCTIONS = new Set(['setInterval']);

/** HTTP route registration methods. */
export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use', 'on']);

/** Receivers that register routes, and the parameter types of their handlers. */
export const ROUTER_TYPES: Record<string, { params: string[]; kind: string }> = {
  'express.App': { params: ['express.Request', 'express.Response'], kind: 'express' },
  'express.Router': { params: ['express.Request', 'express.Response'], kind: 'express' },
  'express.Route': { params: ['express.Request', 'express.Response'], kind: 'express' },
  'koa.App': { params: ['koa.Context'], kind: 'koa' },
  'koa.Router': { params: ['koa.Context'], kind: 'koa' },
  'fastify.Instance': { params: ['fastify.Request', 'fastify.Reply'], kind: 'fastify' },
  'hono.App': { params: ['hono.Context'], kind: 'hono' },
};

/** Types whose `on(event, handler)` / `onAny(handler)` register a handler run once per webhook delivery (a request). */
export const WEBHOOK_TYPES = new Set(['octokit.Webhooks', 'probot.App']);

/** Receiver names that register routes when their type is unknown (`app.get('/x', h)`). */
export const ROUTER_NAME = /^(app|router|api|routes|server|fastify|instance|apiRouter|\w+Router)$/;

/** Fastify hooks that run per request. */
export const FASTIFY_REQUEST_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort']);

/** NestJS method decorators that make a controller method a per-request entry point. */
export const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search', 'Sse', 'GrpcMethod', 'GrpcStreamMethod', 'GrpcStreamCall', 'MessagePattern', 'EventPattern', 'SubscribeMessage', 'Query', 'Mutation', 'Subscription', 'ResolveField']);
/** NestJS parameter decorators → type. */
export const NEST_PARAM_DECORATORS: Record<string, string> = {
  Req: 'express.Request',
  Request: 'express.Request',
  Res: 'express.Response',
  Response: 'express.Response',
  Body: 'req.body',
  Headers: 'req.headers',
  Payload: 'grpc.Message',
};

/** Types whose whole value is a request-scoped context. */
export const TS_CONTEXT_TYPES: Record<string, string> = {
  'otel.Span': 'OpenTelemetry `Span`',
  'otel.Context': 'OpenTelemetry `Context`',
  'koa.Context': 'Koa `Context`',
  'hono.Context': 'Hono `Context`',
  'nest.ExecutionContext': 'NestJS `ExecutionContext`',
  'grpc.Call': 'grpc-js call object',
  'lambda.Context': 'Lambda `Context`',
};

/** Types whose whole value is a request dump, by kind. */
export const TS_DUMP_TYPES: Record<string, string> = {
  'express.Request': 'request',
  'express.Response': 'response',
  'http.IncomingMessage': 'request',
  'http.ServerResponse': 'response',
  'fetch.Request': 'request',
  'koa.Request': 'request',
  'koa.Response': 'response',
  'fastify.Request': 'request',
  'fastify.Reply': 'response',
  'hono.Request': 'request',
  'req.body': 'body',
  'req.headers': 'headers',
  'grpc.Metadata': 'metadata',
  'grpc.Message': 'message',
  'lambda.Event': 'event',
};

/** Display names for messages. */
export const TS_TYPE_NAMES: Record<string, string> = {
  'express.Request': 'express.Request',
  'express.Response': 'express.Response',
  'http.IncomingMessage': 'http.IncomingMessage',
  'http.ServerResponse': 'http.ServerResponse',
  'fetch.Request': 'Request',
  'koa.Request': 'koa.Request',
  'koa.Response': 'koa.Response',
  'fastify.Request': 'FastifyRequest',
  'fastify.Reply': 'FastifyReply',
  'hono.Request': 'HonoRequest',
  'req.body': 'request body',
  'req.headers': 'headers',
  'grpc.Metadata': 'grpc.Metadata',
  'grpc.Message': 'gRPC request message',
  'lambda.Event': 'Lambda event',
  'otel.Span': 'Span',
  'otel.Context': 'Context',
  'koa.Context': 'koa.Context',
  'hono.Context': 'hono.Context',
  'nest.ExecutionContext': 'ExecutionContext',
  'grpc.Call': 'grpc.ServerCall',
  'lambda.Context': 'lambda.Context',
};
