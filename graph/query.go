package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// ErrTimeout is returned by Query when the query runs past its time.
var ErrTimeout = errors.New("query ran past its timeout")

// ErrMemory is returned by Query when the query's JavaScript grows the
// heap past QueryOptions.MaxMemory.
var ErrMemory = errors.New("query used too much memory")

// QueryOptions bound a query.
type QueryOptions struct {
	// Limit caps the number of results (0: no limit).
	Limit int
	// Timeout stops the query after this long (0: only ctx stops it).
	Timeout time.Duration
	// MaxMemory stops the query when the program's heap grows by more than
	// this many bytes while it runs (0: DefaultQueryMemory; negative: no
	// limit). The engine has no limit of its own: a query that doubles a
	// string reaches gigabytes in a second.
	MaxMemory int64
}

// DefaultQueryMemory is the heap growth a query may cause by default.
const DefaultQueryMemory = 512 << 20

// Query runs a Gizmo query and returns its results as JSON-ready values:
// maps of tag to value for paths (`g.V(...).All()`), and whatever
// `g.emit(x)` emitted. A query that runs past opt.Timeout, also one that
// loops forever, is stopped and returns ErrTimeout.
func (s *Store) Query(ctx context.Context, src string, opt QueryOptions) ([]any, error) {
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		defer cancel()
	}
	if err := checkNesting(src); err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	limit := opt.MaxMemory
	if limit == 0 {
		limit = DefaultQueryMemory
	}
	if limit > 0 {
		stop := watchMemory(limit, func() { cancel(ErrMemory) })
		defer stop()
	}
	sess := gizmo.NewSession(s.qs)
	it, err := sess.Execute(ctx, emitGuard+src, query.Options{Collation: query.JSON, Limit: opt.Limit})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", unguard(err))
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
		if opt.Limit > 0 && len(out) >= opt.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		if errors.Is(context.Cause(ctx), ErrMemory) {
			return out, fmt.Errorf("%w (more than %d MiB)", ErrMemory, limit>>20)
		}
		if errors.Is(err, context.DeadlineExceeded) && opt.Timeout > 0 {
			return out, fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
		}
		return out, fmt.Errorf("gizmo: %w", unguard(err))
	}
	return out, nil
}

// watchMemory calls over, once, when the heap grows by more than limit
// bytes from now; stop ends the watch. It samples every 20 ms.
func watchMemory(limit int64, over func()) (stop func()) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := int64(ms.HeapAlloc)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if int64(ms.HeapAlloc)-base > limit {
					over()
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

// Limits on what a query may build, checked before the JavaScript engine
// meets it: past them goja dies with a fatal error (stack overflow, out of
// memory) that no recover catches, taking an embedding program with it.
const (
	maxQueryNesting = 256     // brackets inside brackets in the source
	maxEmitDepth    = 64      // objects inside objects in an emitted value
	maxEmitElements = 1000000 // array elements and object fields in one emitted value
)

// emitGuard runs before every query, on the query's first line (so that
// the line numbers of errors stay the user's): it replaces graph and g by
// a copy whose emit refuses a value that refers to itself, nests too
// deep or holds too many elements, instead of letting the engine's
// conversion of it recurse or allocate without end.
var emitGuard = strings.Join(strings.Fields(fmt.Sprintf(`var graph = (function (G) {
  function check(v) {
    var seen = new Set(), n = 0;
    (function walk(x, depth) {
      if (x === null || typeof x !== "object") return;
      if (depth > %[1]d) throw new Error("emitted value nested more than %[1]d deep");
      if (seen.has(x)) throw new Error("emitted value refers to itself");
      seen.add(x);
      var keys = Array.isArray(x) ? null : Object.keys(x);
      var len = keys ? keys.length : x.length;
      n += len;
      if (n > %[2]d) throw new Error("emitted value holds more than %[2]d elements");
      for (var i = 0; i < len; i++) walk(keys ? x[keys[i]] : x[i], depth + 1);
      seen.delete(x);
    })(v, 0);
  }
  var w = {};
  for (var k in G) {
    (function (k) { var x = G[k]; w[k] = typeof x === "function" ? function () { return x.apply(G, arguments); } : x; })(k);
  }
  w.emit = w.Emit = function (v) { check(v); return G.emit(v); };
  return w;
})(graph); var g = graph;`, maxEmitDepth, maxEmitElements)), " ")

// guardPos finds the engine's positions on the first line, which the
// guard lengthens: "<eval>:1:C" in run-time errors, "Line 1:C" in syntax
// errors.
var guardPos = regexp.MustCompile(`(<eval>:1:|Line 1:)(\d+)`)

// unguard gives error positions on the query's first line as the user
// wrote it.
func unguard(err error) error {
	msg := err.Error()
	fixed := guardPos.ReplaceAllStringFunc(msg, func(m string) string {
		sub := guardPos.FindStringSubmatch(m)
		col, _ := strconv.Atoi(sub[2])
		if col > len(emitGuard) {
			col -= len(emitGuard)
		}
		return sub[1] + strconv.Itoa(col)
	})
	if fixed == msg {
		return err
	}
	return errors.New(fixed)
}

// checkNesting refuses a query whose brackets nest deeper than
// maxQueryNesting, skipping strings and comments.
func checkNesting(src string) error {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
		case '"', '\'', '`':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				} else if src[i] == '\n' {
					line++
				}
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				line++
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := strings.Index(src[i+2:], "*/")
				if end < 0 {
					return nil // the engine reports the open comment
				}
				line += strings.Count(src[i:i+2+end], "\n")
				i += end + 3
			}
		case '(', '[', '{':
			if depth++; depth > maxQueryNesting {
				return fmt.Errorf("line %d: brackets nested more than %d deep", line, maxQueryNesting)
			}
		case ')', ']', '}':
			depth--
		}
	}
	return nil
}
