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
	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/ontology"
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
	out := []any{}
	err := s.run(ctx, src, opt, query.JSON, func(r any) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Row is one result of QueryValues: the values a path's tags hold, or
// what `g.emit(x)` emitted.
type Row struct {
	Values  map[string]quad.Value
	Emitted any
}

// QueryValues runs a Gizmo query as Query does and returns each result
// with its values as Cayley values (quad.IRI, quad.String,
// quad.TypedString, ...), not as encoded text; Native turns one into a
// plain Go value.
func (s *Store) QueryValues(ctx context.Context, src string, opt QueryOptions) ([]Row, error) {
	var out []Row
	err := s.run(ctx, src, opt, query.Raw, func(r any) error {
		res, ok := r.(*gizmo.Result)
		if !ok || res.Meta {
			return nil
		}
		if res.Tags == nil {
			out = append(out, Row{Emitted: res.Val})
			return nil
		}
		row := Row{Values: make(map[string]quad.Value, len(res.Tags))}
		for tag, ref := range res.Tags {
			v, err := s.qs.NameOf(ref)
			if err != nil {
				return err
			}
			row.Values[tag] = v
		}
		out = append(out, row)
		return nil
	})
	return out, err
}

// Native returns a value as a plain Go value: an IRI or a string as a
// string, xsd integers as int64, decimals and doubles as float64, booleans
// as bool, xsd:date and xsd:dateTime as time.Time, xsd:gYear and
// xsd:gYearMonth as their text; other typed literals as their text.
func Native(v quad.Value) any {
	switch v := v.(type) {
	case nil:
		return nil
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		text := string(v.Value)
		switch strings.TrimPrefix(string(v.Type), ontology.XSD) {
		case "integer", "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "int", "long", "short", "byte",
			"unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte":
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				return n
			}
		case "decimal", "double", "float":
			if f, err := strconv.ParseFloat(text, 64); err == nil {
				return f
			}
		case "boolean":
			if b, err := strconv.ParseBool(text); err == nil {
				return b
			}
		case "date":
			if t, err := time.Parse(time.DateOnly, text); err == nil {
				return t
			}
		case "dateTime":
			if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
				return t
			}
		}
		return text
	}
	return quad.NativeOf(v)
}

// run runs a Gizmo query under opt's bounds and calls fn with each result
// in collation col.
func (s *Store) run(ctx context.Context, src string, opt QueryOptions, col query.Collation, fn func(any) error) error {
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		defer cancel()
	}
	if err := checkNesting(src); err != nil {
		return fmt.Errorf("gizmo: %w", err)
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
	it, err := sess.Execute(ctx, emitGuard+src, query.Options{Collation: col, Limit: opt.Limit})
	if err != nil {
		if undecodable(err) {
			return s.damaged(unguard(err))
		}
		return fmt.Errorf("gizmo: %w", unguard(err))
	}
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			if err := fn(r); err != nil {
				return err
			}
			n++
		}
		if opt.Limit > 0 && n >= opt.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		if errors.Is(context.Cause(ctx), ErrMemory) {
			return fmt.Errorf("%w (more than %d MiB)", ErrMemory, limit>>20)
		}
		if errors.Is(err, context.DeadlineExceeded) && opt.Timeout > 0 {
			return fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
		}
		if undecodable(err) {
			return s.damaged(unguard(err))
		}
		return fmt.Errorf("gizmo: %w", unguard(err))
	}
	return nil
}

// undecodable reports whether a query failed on a stored value or quad
// that does not decode. Gizmo hands the store's error to JavaScript and
// back as text, so only its message is left: protobuf's, from Cayley's
// decoding of its log entries. (protobuf-go writes the space after
// "proto:" as a no-break space in some builds, on purpose, against
// matching its text: both are read as a space.)
func undecodable(err error) bool {
	msg := strings.ReplaceAll(err.Error(), "\u00a0", " ")
	return strings.Contains(msg, "proto: cannot parse") || strings.Contains(msg, "proto: invalid")
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
