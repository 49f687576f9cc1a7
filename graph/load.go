package graph

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"

	"github.com/newskg/newskg/ontology"
)

// FormatOf guesses the RDF format of a file from its extension (.ttl,
// .nt, .nq, optionally followed by .gz).
func FormatOf(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz")))
	switch ext {
	case ".ttl", ".turtle":
		return Turtle, nil
	case ".nt", ".ntriples":
		return NTriples, nil
	case ".nq", ".nquads":
		return NQuads, nil
	}
	return "", fmt.Errorf("%s: unknown RDF file type %q: want .ttl, .nt or .nq", path, ext)
}

// LoadResult tells what a load did.
type LoadResult struct {
	Quads  int      // quads read
	Graphs []string // named graphs replaced ("" for the default graph)
}

// defaultLoadBatch is the largest file LoadFile writes in one
// transaction; a larger one is written in batches of this size after it
// was read once in full to check its syntax.
//
// Bolt slows down on very large transactions (inserting into ever larger
// pages), so batches stay at 20,000 statements (measured with newskg-bench:
// 10,000 and 40,000 are within 5%, 100,000 is slower).
const defaultLoadBatch = 20_000

// LoadFile reads a Turtle, N-Triples or N-Quads file (optionally gzipped)
// into the store; see Load for where the statements go. A file with a
// syntax error loads nothing: the file is checked in full before anything
// is written. Files of up to Options.LoadBatch statements are written in
// one transaction; larger ones in batches of that size, after the graphs
// they replace were emptied, so memory stays flat and an interrupted load
// is made whole by loading the file again.
func (s *Store) LoadFile(ctx context.Context, path string, graphIRI string) (LoadResult, error) {
	f, err := FormatOf(path)
	if err != nil {
		return LoadResult{}, err
	}
	if err := checkGraphName(graphIRI); err != nil {
		return LoadResult{}, err
	}
	abs, _ := filepath.Abs(path)
	bnodes := blankNamer(abs)
	limit := s.loadBatch
	if limit <= 0 {
		limit = defaultLoadBatch
	}
	// pass 1: syntax, size, graphs, the article a Turtle file describes,
	// the articles' graphs and their sizes, and the statements themselves
	// while they fit in one batch
	var n int
	graphs := map[string]int{}     // statements per graph
	selfTyped := map[string]bool{} // N-Quads graphs that type themselves nkg:Article
	article := articleFinder{}
	var kept []quad.Quad
	err = readRDF(path, func(r io.Reader) error {
		return eachQuad(r, f, path, graphIRI, bnodes, func(q quad.Quad) error {
			n++
			l := labelOf(q)
			graphs[l]++
			article.see(q)
			if l != "" && isArticleType(q) && q.Subject == q.Label {
				selfTyped[l] = true
			}
			if n <= limit {
				kept = append(kept, q)
			} else {
				kept = nil
			}
			return ctx.Err()
		})
	})
	if err != nil {
		return LoadResult{}, err
	}
	g := graphIRI
	if f != NQuads && g == "" {
		g = article.sole()
	}
	if f != NQuads {
		graphs = map[string]int{g: n}
		selfTyped = map[string]bool{g: g != "" && article.typed[g]}
	}
	res := LoadResult{Quads: n}
	for name := range graphs {
		res.Graphs = append(res.Graphs, name)
	}
	sort.Strings(res.Graphs)
	// pass 2: write
	if n <= limit {
		return s.replaceAll(ctx, kept, f, g, path)
	}
	if err := s.loadInBatches(ctx, path, f, g, bnodes, limit, graphs, selfTyped); err != nil {
		return LoadResult{}, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// loadInBatches writes a file larger than one batch (see LoadFile): it
// empties the graphs the file fills, then writes its statements in
// transactions of about limit statements, parsing the next batch while the
// last one is written. The graph of an article (as `newskg extract` writes
// it) becomes the article's entity records as in a one-transaction load
// (see asRecords), so it is collected until the file has given all its
// statements (sizes counts them) and written whole: memory holds the
// articles the file interleaves, one at a time for a file written article
// by article, as extract and export write them.
func (s *Store) loadInBatches(ctx context.Context, path string, f Format, g string, bnodes func(string) string,
	limit int, sizes map[string]int, articles map[string]bool) error {
	total := 0
	for _, n := range sizes {
		total += n
	}
	b := s.NewBatch()
	b.writesEntities = sizes[s.minter.EntityGraph()] > 0 // a store's export: its entity graph is loaded as it is
	names := make([]string, 0, len(sizes))
	for name := range sizes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "" {
			continue
		}
		if _, err := b.Remove(ctx, name); err != nil {
			return err
		}
		if b.Len() >= limit {
			if err := b.Commit(ctx); err != nil {
				return err
			}
		}
	}
	if err := b.Commit(ctx); err != nil {
		return err
	}
	batches := make(chan []quad.Quad, 1)
	parseErr := make(chan error, 1)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		pending := make([]quad.Quad, 0, limit)
		send := func() error {
			select {
			case batches <- pending:
				pending = make([]quad.Quad, 0, limit)
				return nil
			case <-wctx.Done():
				return wctx.Err()
			}
		}
		read := 0
		err := readRDF(path, func(r io.Reader) error {
			return eachQuad(r, f, path, g, bnodes, func(q quad.Quad) error {
				if read++; read > total {
					return errChanged
				}
				pending = append(pending, q)
				if len(pending) >= limit {
					return send()
				}
				return nil
			})
		})
		if err == nil && read < total {
			err = errChanged
		}
		if err == nil && len(pending) > 0 {
			err = send()
		}
		parseErr <- err
	}()
	collected := map[string][]quad.Quad{} // articles' graphs not yet whole
	var err error
	write := func(qs []quad.Quad) error {
		for _, q := range qs {
			l := labelOf(q)
			switch {
			case !articles[l]:
				if err := b.Add(ctx, []quad.Quad{q}); err != nil {
					return err
				}
			case len(collected[l])+1 < sizes[l]:
				collected[l] = append(collected[l], q)
			default: // the article's last statement
				whole := append(collected[l], q)
				delete(collected, l)
				if err := b.Replace(ctx, l, asRecords(l, whole)); err != nil {
					return err
				}
			}
			if b.Len() >= limit {
				if err := b.Commit(ctx); err != nil {
					return err
				}
			}
		}
		return b.Commit(ctx)
	}
	for qs := range batches {
		if err == nil {
			if err = write(qs); err != nil {
				cancel()
			}
		}
	}
	if perr := <-parseErr; err == nil && perr != nil && !errors.Is(perr, context.Canceled) {
		err = perr
	}
	return err
}

// errChanged reports a file whose second reading differs from its first.
var errChanged = errors.New("the file changed while it was loaded: load it again")

// readRDF opens a file, gunzipping ".gz", and passes its content to fn.
func readRDF(path string, fn func(io.Reader) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	var r io.Reader = bufio.NewReaderSize(fh, 1<<20)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	return fn(r)
}

// labelOf is a quad's graph IRI, "" for the default graph.
func labelOf(q quad.Quad) string {
	if l, ok := q.Label.(quad.IRI); ok {
		return string(l)
	}
	return ""
}

// blankNamer renames a document's blank nodes so that "_:b1" of two
// documents stays two nodes.
func blankNamer(docKey string) func(string) string {
	sum := sha256.Sum256([]byte(docKey))
	prefix := "b" + hex.EncodeToString(sum[:6]) + "_"
	return func(id string) string { return prefix + id }
}

// articleFinder tells whether a document describes exactly one newskg
// article, as `newskg extract` writes them.
type articleFinder struct {
	iri   string
	many  bool
	typed map[string]bool // every subject typed nkg:Article
}

// isArticleType reports whether q types its subject as a newskg article.
func isArticleType(q quad.Quad) bool {
	return q.Predicate == quad.IRI(ontology.Type) && q.Object == quad.IRI(ontology.Article)
}

func (a *articleFinder) see(q quad.Quad) {
	if !isArticleType(q) {
		return
	}
	subj, ok := q.Subject.(quad.IRI)
	if !ok {
		return
	}
	if a.typed == nil {
		a.typed = map[string]bool{}
	}
	a.typed[string(subj)] = true
	if a.iri != "" && a.iri != string(subj) {
		a.many = true
	}
	a.iri = string(subj)
}

func (a *articleFinder) sole() string {
	if a.many {
		return ""
	}
	return a.iri
}

// Load reads RDF in format f from r and writes it in one transaction; name
// is used in error messages, docKey (any string unique to the document)
// to keep its blank nodes apart from other documents'.
//
// Where statements go: N-Quads keep their graphs. Turtle and N-Triples go
// into graphIRI when it is given; otherwise, when the document describes
// exactly one newskg article (as `newskg extract` writes them), into that
// article's graph; otherwise into the default graph. Each named graph that
// receives statements is replaced, so loading a file twice, or an updated
// file, leaves the store as after one load of the newest file.
func (s *Store) Load(ctx context.Context, r io.Reader, f Format, name, docKey, graphIRI string) (LoadResult, error) {
	if err := checkGraphName(graphIRI); err != nil {
		return LoadResult{}, err
	}
	var all []quad.Quad
	article := articleFinder{}
	err := eachQuad(r, f, name, graphIRI, blankNamer(docKey), func(q quad.Quad) error {
		all = append(all, q)
		article.see(q)
		return nil
	})
	if err != nil {
		return LoadResult{}, err
	}
	g := graphIRI
	if f != NQuads && g == "" {
		g = article.sole()
	}
	return s.replaceAll(ctx, all, f, g, name)
}

// describesArticle reports whether the quads of graph g type g itself as
// a newskg article.
func describesArticle(g string, qs []quad.Quad) bool {
	for _, q := range qs {
		if q.Subject == quad.IRI(g) && isArticleType(q) {
			return true
		}
	}
	return false
}

// asRecords turns what one article's `newskg extract` output states of
// its entities (types, labels, roles, nationality) into the article's
// entity records, as a build writes them (Minter.StoreTriples): the
// entity statements then live once in EntityGraph, derived from the
// records, and loading many articles' files repeats none of them. The
// other statements are kept as they are.
func asRecords(art string, qs []quad.Quad) []quad.Quad {
	isEntity := map[quad.Value]bool{}
	var order []quad.IRI
	for _, q := range qs {
		if q.Predicate != quad.IRI(ontology.Type) {
			continue
		}
		switch q.Object {
		case quad.IRI(ontology.Person), quad.IRI(ontology.Organisation), quad.IRI(ontology.Place):
			if e, ok := q.Subject.(quad.IRI); ok && !isEntity[e] {
				isEntity[e] = true
				order = append(order, e)
			}
		}
	}
	if len(order) == 0 {
		return qs
	}
	stated := map[quad.IRI]bool{quad.IRI(ontology.SchemaName): true}
	for p := range statementKinds {
		stated[p] = true
		if super, ok := ontology.SuperProperty(string(p)); ok {
			stated[quad.IRI(super)] = true
		}
	}
	facts := map[quad.Value]*facts{}
	kept := qs[:0]
	for _, q := range qs {
		if !isEntity[q.Subject] || !stated[asIRI(q.Predicate)] {
			kept = append(kept, q)
			continue
		}
		f := facts[q.Subject]
		if f == nil {
			f = newFacts()
			facts[q.Subject] = f
		}
		f.read(statementKinds, q)
	}
	for n, e := range order {
		f := facts[e]
		if f == nil || f.class == "" || f.label == "" {
			continue
		}
		kept = append(kept, f.record(quad.IRI(fmt.Sprintf("%s/entity/%d", art, n+1)), e)...)
	}
	return kept
}

// replaceAll writes quads in one transaction, replacing each named graph
// they fill; Turtle and N-Triples statements go into graph g. What the
// graph of an article states of its entities becomes the article's entity
// records (see asRecords).
func (s *Store) replaceAll(ctx context.Context, quads []quad.Quad, f Format, g, name string) (LoadResult, error) {
	byGraph := map[string][]quad.Quad{}
	for _, q := range quads {
		if f != NQuads {
			q.Label = nil
			if g != "" {
				q.Label = quad.IRI(g)
			}
		}
		byGraph[labelOf(q)] = append(byGraph[labelOf(q)], q)
	}
	res := LoadResult{Quads: len(quads)}
	b := s.NewBatch()
	for gr, qs := range byGraph {
		if gr != "" && describesArticle(gr, qs) {
			qs = asRecords(gr, qs) // an article's graph, as `newskg extract` writes it
		}
		if err := b.Replace(ctx, gr, qs); err != nil {
			return LoadResult{}, fmt.Errorf("%s: %w", name, err)
		}
		res.Graphs = append(res.Graphs, gr)
	}
	sort.Strings(res.Graphs)
	if err := b.Commit(ctx); err != nil {
		return LoadResult{}, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// eachNQuad parses N-Quads line by line (parseNQuad, many times faster
// than knakk/rdf's parser on large dumps) and names the line and column of
// a syntax error.
func eachNQuad(r io.Reader, name string, bnodes func(string) string, fn func(quad.Quad) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	line := 0
	names := newInterner(1 << 17)
	rename := func(v quad.Value) quad.Value {
		if b, ok := v.(quad.BNode); ok {
			return quad.BNode(bnodes(string(b)))
		}
		return v
	}
	for sc.Scan() {
		line++
		l := bytes.TrimSpace(sc.Bytes())
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		if !utf8.Valid(l) {
			return fmt.Errorf("%s:%d: not UTF-8", name, line) // the parser would store U+FFFD instead
		}
		q, err := parseNQuadWith(l, names)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if _, ok := q.Label.(quad.BNode); ok {
			return fmt.Errorf("%s:%d: blank node graph names are not supported", name, line)
		}
		q.Subject, q.Object = rename(q.Subject), rename(q.Object)
		if err := checkQuad(q); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}

// eachQuad decodes RDF in format f from r and calls fn with each statement
// as a Cayley quad: in its own graph for N-Quads, in graph g otherwise.
func eachQuad(r io.Reader, f Format, name, g string, bnodes func(string) string, fn func(quad.Quad) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot parse: %v", name, p)
		}
	}()
	if f == NQuads {
		return eachNQuad(r, name, bnodes, fn)
	}
	kf := rdf.Turtle
	if f == NTriples {
		kf = rdf.NTriples
	}
	brackets := &bracketCheck{} // N-Triples have no brackets, but the same lines crash the parser
	r = guardedReader{r: r, check: brackets}
	dec := rdf.NewTripleDecoder(r, kf)
	for {
		t, err := dec.Decode()
		if brackets.err != nil {
			return fmt.Errorf("%s:%w", name, brackets.err)
		}
		if err == io.EOF {
			if err := brackets.Err(); err != nil {
				return fmt.Errorf("%s:%w", name, err)
			}
			return nil
		}
		if err != nil {
			if brackets.Err() != nil {
				return fmt.Errorf("%s:%w", name, brackets.Err()) // says more than the parser's end-of-file error
			}
			return syntaxError(name, err)
		}
		cq, err := toQuad(t, g, bnodes)
		if err == nil {
			err = checkQuad(cq)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := fn(cq); err != nil {
			return err
		}
	}
}

// isLangTag reports whether s is RDF's LANGTAG production (N-Triples,
// N-Quads, Turtle) without its '@': BCP 47 tags of any number of subtags
// ("en", "sr-Latn-RS"), letters first, no empty subtag.
func isLangTag(s string) bool {
	first, n := true, 0 // in the first subtag; length of the current one
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-':
			if n == 0 {
				return false
			}
			first, n = false, 0
			continue
		case isLetter(c), !first && isDigit(c):
		default:
			return false
		}
		n++
	}
	return n > 0
}

// isAbsoluteIRI reports whether s starts with a scheme
// ([a-zA-Z][a-zA-Z0-9+.-]*:).
func isAbsoluteIRI(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c):
		case i > 0 && (isDigit(c) || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// checkGraphName refuses a graph name that is not an absolute IRI ("" is
// the file's own graph).
func checkGraphName(g string) error {
	if g != "" && (!isAbsoluteIRI(g) || strings.ContainsAny(g, "<> \"{}|\\^`")) {
		return fmt.Errorf("graph name %q is not an absolute IRI", g)
	}
	return nil
}

// checkQuad refuses what a store must not hold: relative IRIs, language
// tags that are not tags, and text that is not UTF-8 (stored, it would come
// back changed or stop an export).
func checkQuad(q quad.Quad) error {
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		switch v := v.(type) {
		case quad.IRI:
			if !isAbsoluteIRI(string(v)) {
				return fmt.Errorf("IRI <%s> is relative: give it a scheme, or load Turtle with @base", string(v))
			}
			if !utf8.ValidString(string(v)) {
				return fmt.Errorf("IRI %q is not UTF-8", string(v))
			}
		case quad.LangString:
			if !isLangTag(v.Lang) {
				return fmt.Errorf("language tag %q is not one (want letters, then subtags of letters and digits after '-')", v.Lang)
			}
			if !utf8.ValidString(string(v.Value)) {
				return fmt.Errorf("literal %q is not UTF-8", string(v.Value))
			}
		case quad.String:
			if !utf8.ValidString(string(v)) {
				return fmt.Errorf("literal %q is not UTF-8", string(v))
			}
		case quad.TypedString:
			if !utf8.ValidString(string(v.Value)) {
				return fmt.Errorf("literal %q is not UTF-8", string(v.Value))
			}
			if !isAbsoluteIRI(string(v.Type)) {
				return fmt.Errorf("datatype <%s> is relative", string(v.Type))
			}
		}
	}
	return nil
}

// knakkPos matches the "line:col" knakk/rdf puts at the start of its
// errors.
var knakkPos = regexp.MustCompile(`^(\d+):(\d+):? ?`)

// syntaxError names the file, line and column of a decoder error.
// knakkToken is how knakk/rdf's parser names a token it did not expect:
// by its number, which knakkTokens (its lexer's token types, in order)
// turns into words.
var knakkToken = regexp.MustCompile(`unexpected \d+`)

var knakkTokens = []string{"end of input", "end of line", "an illegal token", "an IRI", "a relative IRI",
	"a blank node", "a literal", "a long literal", "an integer", "a double", "a decimal", "a boolean", "'@'",
	"a language tag", "'^^'", "'.'", "';'", "','", "'a'", "@prefix", "a prefix label", "a prefixed name",
	"@base", "PREFIX", "BASE", "'[]'", "'['", "']'", "'('", "')'"}

func syntaxError(name string, err error) error {
	msg := knakkToken.ReplaceAllStringFunc(err.Error(), func(m string) string {
		n, _ := strconv.Atoi(strings.TrimPrefix(m, "unexpected "))
		if n >= 0 && n < len(knakkTokens) {
			return "unexpected " + knakkTokens[n]
		}
		return m
	})
	if m := knakkPos.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s:%s: %s", name, m[1], m[2], strings.TrimSpace(msg[len(m[0]):]))
	}
	return fmt.Errorf("%s: %s", name, msg)
}
