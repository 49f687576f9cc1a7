package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// ErrTimeout is returned by Query when the query runs past its time.
var ErrTimeout = errors.New("query ran past its timeout")

// QueryOptions bound a query.
type QueryOptions struct {
	// Limit caps the number of results (0: no limit).
	Limit int
	// Timeout stops the query after this long (0: only ctx stops it).
	Timeout time.Duration
}

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
	sess := gizmo.NewSession(s.qs)
	it, err := sess.Execute(ctx, src, query.Options{Collation: query.JSON, Limit: opt.Limit})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
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
		if errors.Is(err, context.DeadlineExceeded) && opt.Timeout > 0 {
			return out, fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
		}
		return out, fmt.Errorf("gizmo: %w", err)
	}
	return out, nil
}
