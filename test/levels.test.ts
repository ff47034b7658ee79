import { test } from 'node:test';
import assert from 'node:assert/strict';
import { belowLevel, sinkLevel } from '../src/engine/levels.js';

const call = (sink: string, text: string, args: string[] = []) => ({ sink, text, args: args.map((t) => ({ text: t })) }) as unknown as Parameters<typeof sinkLevel>[0];

test('a sink call\'s level, read from its name, its chain or a level argument', () => {
  const cases: [ReturnType<typeof call>, string | undefined][] = [
    // Go: the method's name, with its printf/structured/context suffixes
    [call('log/slog.Debug', 'slog.Debug("x", "r", r)'), 'debug'],
    [call('log/slog.Logger.DebugContext', 'logger.DebugContext(ctx, "x")'), 'debug'],
    [call('go.uber.org/zap.SugaredLogger.Debugw', 's.Debugw("x")'), 'debug'],
    [call('github.com/sirupsen/logrus.Entry.Tracef', 'e.Tracef("%v", r)'), 'trace'],
    [call('go.uber.org/zap.Logger.Info', 'l.Info("x")'), 'info'],
    [call('github.com/sirupsen/logrus.Warningf', 'logrus.Warningf("x")'), 'warn'],
    [call('log/slog.Error', 'slog.Error("x")'), 'error'],
    [call('example.com/app/logx.Debugf', 'logx.Debugf("x")'), 'debug'],
    // go-pkgz/lgr: the format's prefix; none, or a prefix elsewhere, is no level
    [call('github.com/go-pkgz/lgr.Printf', 'log.Printf("[DEBUG] request %+v", r)', ['"[DEBUG] request %+v"', 'r']), 'debug'],
    [call('github.com/go-pkgz/lgr.Logger.Logf', 'l.Logf("[WARN] failed %s", id)', ['"[WARN] failed %s"', 'id']), 'warn'],
    [call('github.com/go-pkgz/lgr.Printf', 'log.Printf("request %+v", r)', ['"request %+v"', 'r']), 'info'],
    [call('github.com/go-pkgz/lgr.Printf', 'log.Printf("DEBUG request %+v", r)', ['"DEBUG request %+v"', 'r']), 'debug'],
    [call('log.Printf', 'log.Printf("[DEBUG] request %+v", r)', ['"[DEBUG] request %+v"', 'r']), undefined],
    // no level: always written
    [call('fmt.Printf', 'fmt.Printf("%v", ctx)'), undefined],
    [call('log.Println', 'log.Println(r)'), undefined],
    [call('log.Logger.Printf', 'l.Printf("x")'), undefined],
    // zerolog picks the level in the chain; klog and logr by verbosity
    [call('github.com/rs/zerolog.Event.Msg', 'log.Debug().Str("k", v).Msg("x")'), 'debug'],
    [call('github.com/rs/zerolog.Event.Msgf', 'logger.Error().Err(err).Msgf("x %v", r)'), 'error'],
    [call('k8s.io/klog/v2.Verbose.Infof', 'klog.V(2).Infof("x %v", r)'), 'debug'],
    [call('k8s.io/klog/v2.Verbose.Info', 'klog.V(0).Info(r)'), 'info'],
    [call('github.com/go-logr/logr.Logger.Info', 'log.V(1).Info("x", "r", r)'), 'debug'],
    // the verbosity is read in the receiver's chain only, not in the arguments
    [call('log.Printf', 'log.Printf("%v", cfg.V(2))'), undefined],
    // jwalterweatherman: the receiver names the level; a lower-case or inner step does not
    [call('log.Logger.Printf', 'jww.DEBUG.Printf("import %s", id)'), 'debug'],
    [call('log.Logger.Println', 's.log.TRACE.Println(r)'), 'trace'],
    [call('log.Logger.Printf', 'jww.ERROR.Printf("%v", ctx)'), 'error'],
    [call('log.Logger.Printf', 'jww.DEBUG.\n\t\tPrintf("import %s", id)'), 'debug'],
    [call('log.Logger.Printf', 'debug.Printf("x")'), undefined],
    [call('log.Logger.Printf', 'DEBUG.out.Printf("x")'), undefined],
    // a level given as an argument
    [call('log/slog.Log', 'slog.Log(ctx, slog.LevelDebug, "x")', ['ctx', 'slog.LevelDebug', '"x"']), 'debug'],
    [call('github.com/sirupsen/logrus.Logger.Log', 'l.Log(logrus.TraceLevel, r)', ['logrus.TraceLevel', 'r']), 'trace'],
    [call('winston.log', "logger.log('debug', body)", ["'debug'", 'body']), 'debug'],
    [call('winston.log', "logger.log('warn', body)", ["'warn'", 'body']), 'warn'],
    // TS/JS names: npmlog's and winston's verbose and silly are below info
    // Node's console has no level: every method writes
    [call('console.debug', 'console.debug(req)'), undefined],
    [call('console.trace', 'console.trace(err)'), undefined],
    [call('console.log', "console.log('debug', req.headers)", ["'debug'", 'req.headers']), undefined],
    [call('npmlog.verbose', 'log.verbose(err.stack)'), 'debug'],
    [call('winston.silly', 'logger.silly(x)'), 'trace'],
    [call('console.log', 'console.log(req)'), undefined],
    [call('console.error', 'console.error(err.stack)'), undefined],
    // a name that only starts like a level is no level
    [call('debugLine', 'debugLine("payload", body)'), undefined],
    [call('errorHandler', 'errorHandler(err)'), undefined],
  ];
  for (const [c, want] of cases) assert.equal(sinkLevel(c), want, c.text);
});

test('below the production level: only a call whose level is known and lower', () => {
  assert.equal(belowLevel(call('log/slog.Debug', 'slog.Debug("x")'), 'info'), true);
  assert.equal(belowLevel(call('log/slog.Info', 'slog.Info("x")'), 'info'), false);
  assert.equal(belowLevel(call('log/slog.Info', 'slog.Info("x")'), 'warn'), true);
  assert.equal(belowLevel(call('fmt.Printf', 'fmt.Printf("x")'), 'error'), false);
  assert.equal(belowLevel(call('log/slog.Debug', 'slog.Debug("x")'), 'debug'), false);
});
