package graph

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query/shape"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// prefixStore is a Cayley key-value quad store whose query optimiser also
// reads an index by a prefix of its directions.
//
// Cayley's own optimiser turns a walk with fixed values in some
// directions (g.V(x).In(p): object x, predicate p) into a scan of the one
// index that starts with those directions, but only when the values fill
// every direction of that index: [object, predicate] of the [object,
// predicate, subject] index does not, so it read every quad whose object
// is x and filtered them by predicate afterwards. From an entity named in
// thousands of quads, "its claims" cost 50 ms on a store of a million
// quads. prefixStore scans the [object, predicate] prefix instead.
type prefixStore struct {
	*kv.QuadStore
	indexes []kv.QuadIndex // the store's, in its order
}

// storeIndexes reads the list of indexes a Cayley key-value store keeps
// (Cayley's own meta entry).
func storeIndexes(ctx context.Context, db hkv.KV) ([]kv.QuadIndex, error) {
	var out []kv.QuadIndex
	err := db.View(ctx, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
		if err == hkv.ErrNotFound {
			out = kv.DefaultQuadIndexes
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("read index list: %w", err)
	}
	return out, nil
}

// OptimizeShape scans an index by prefix where Cayley's optimiser would
// not (and where it would, since its IndexScan must be built on the
// key-value store itself), and leaves every other shape to it.
func (s prefixStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	qa, ok := sh.(shape.QuadsAction)
	if !ok || len(qa.Filter) == 0 {
		return s.QuadStore.OptimizeShape(ctx, sh)
	}
	// the first index that starts with the fixed directions, read by
	// their values in its order
	for _, ind := range s.indexes {
		if len(ind.Dirs) < len(qa.Filter) {
			continue
		}
		vs := make([]uint64, 0, len(qa.Filter))
		for _, d := range ind.Dirs[:len(qa.Filter)] {
			v, ok := qa.Filter[d].(kv.Int64Value)
			if !ok {
				break
			}
			vs = append(vs, uint64(v))
		}
		if len(vs) == len(qa.Filter) {
			return qa.SimplifyFrom(prefixScan{qs: s.QuadStore, scan: kv.IndexScan{Index: ind, Values: vs}}), true
		}
	}
	return s.QuadStore.OptimizeShape(ctx, sh)
}

// prefixScan is Cayley's IndexScan built on the key-value store itself,
// which IndexScan requires (it is handed prefixStore).
type prefixScan struct {
	qs   *kv.QuadStore
	scan kv.IndexScan
}

func (p prefixScan) BuildIterator(graph.QuadStore) iterator.Shape { return p.scan.BuildIterator(p.qs) }

func (p prefixScan) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return p, false
}
