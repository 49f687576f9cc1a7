package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/newskg/newskg/extract/internal/linear"
	"github.com/newskg/newskg/extract/internal/postag"
	"github.com/newskg/newskg/extract/ner"
)

// Extractor finds entities, claims and events in articles. It holds the
// models and lexicons; build one with New and share it: it is safe for
// concurrent use.
type Extractor struct {
	fingerprint string
	lx          *lexicon
	segmenter   *segment.Segmenter
	tokenizer   *tokenize.Tokenizer
	tagger      *postag.Tagger
	model       *ner.Model         // entity tagger; nil: the rules alone
	events      *linear.Multiclass // event model; nil: the trigger lexicon alone
}

// modelPath is the shipped entity tagger and eventsPath the shipped event
// model, made by `newskg train`.
const (
	modelPath  = "data/ner.model"
	eventsPath = "data/events.model"
)

// Learned is what extraction learnt from annotated articles: the entity
// tagger and the event triggers. A zero Learned leaves entities and events
// to the hand-written rules and lexicons.
type Learned struct {
	Tagger   *ner.Model
	Triggers Triggers
	// Events is the event model (see EventExamples); nil: triggers only.
	Events *linear.Multiclass
}

// Shipped reads what the program was built with (made by `newskg train`).
func Shipped() (Learned, error) {
	var l Learned
	err := readEmbedded(modelPath, "entity tagger", func(r io.Reader) (err error) { l.Tagger, err = ner.Read(r); return })
	if err == nil {
		err = readEmbedded(triggersPath, "event triggers", func(r io.Reader) (err error) { l.Triggers, err = ReadTriggers(r); return })
	}
	if err == nil {
		err = readEmbedded(eventsPath, "event model", func(r io.Reader) (err error) { l.Events, err = linear.ReadMulticlass(r); return })
	}
	return l, err
}

// readEmbedded opens one of the shipped data files for read.
func readEmbedded(path, what string, read func(io.Reader) error) error {
	f, err := dataFS.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer f.Close()
	if err := read(f); err != nil {
		return fmt.Errorf("%s %s: %w", what, path, err)
	}
	return nil
}

// New loads the models and lexicons, with what the program was built with.
func New() (*Extractor, error) {
	l, err := Shipped()
	if err != nil {
		return nil, err
	}
	return NewWith(l)
}

// NewWith is New with other learnt parts (being trained or
// cross-validated).
func NewWith(learned Learned) (*Extractor, error) {
	model := learned.Tagger
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("sentence model: %w", err)
	}
	tg, err := postag.New()
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	fp, err := fingerprint()
	if err != nil {
		return nil, err
	}
	if model != nil {
		fp += "+" + model.Fingerprint()
	}
	if learned.Triggers != nil {
		h := sha256.New()
		learned.Triggers.WriteTo(h)
		fp += "+" + hex.EncodeToString(h.Sum(nil)[:8])
		lx.learnTriggers(learned.Triggers)
	}
	if learned.Events != nil {
		fp += "+" + learned.Events.Fingerprint()
	}
	return &Extractor{fingerprint: fp, lx: lx, segmenter: seg, tokenizer: tokenize.New(), tagger: tg, model: model, events: learned.Events}, nil
}

// Version names the extraction rules; it changes when they do, and with
// it every Document.Hash, so that stores rebuild what the new rules would
// find differently.
const Version = "0.4.1"

// fingerprint identifies the rules and lexicons: Version and the data files.
func fingerprint() (string, error) {
	h := sha256.New()
	h.Write([]byte(Version))
	err := fs.WalkDir(dataFS, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dataFS.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)[:8]), err
}

// Hash identifies an article's content and this extractor's rules: two
// articles with the same hash give the same Document.
func (x *Extractor) Hash(a Article) string {
	h := sha256.New()
	for _, f := range []string{x.fingerprint, a.ID, a.Title, a.URL, a.Source, a.Date.Format(time.DateOnly), a.Text} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// token is a tagged word of the article with its sentence.
type token struct {
	Text       string
	Tag        string
	Start, End int
	Sent       int
}

// run holds the state of one extraction.
type run struct {
	x       *Extractor
	text    string
	doc     *Document
	toks    []token
	sents   []Span
	sentTk  [][2]int // token range of each sentence
	para    []int    // paragraph of each sentence
	quoted  []bool   // token lies inside quotation marks
	claimed []bool   // token lies inside a claim found so far
	quotes  []quote
	ments   []mention // entity mentions in text order
	byTok   []int     // token → index into ments, -1 if none
	// nearPlaces holds, for each event, the place its sentence names
	// nearest its trigger: its place when nothing better says where
	nearPlaces []int
	evidence   *evidence // what the article says about its words (docEvidence)
	// orgHeads indexes the organisations the mentions name by the last
	// word of their names (see orgHead); renames counts the entity names
	// changed since the mentions were read, which outdates it
	orgHeads *headIndex
	renames  int
	names    []entityWords // see wordsOf
}

// Extract reads one article. It fails only when ctx is done.
func (x *Extractor) Extract(ctx context.Context, a Article) (*Document, error) {
	r, err := x.readUpToEvents(ctx, a)
	if err != nil {
		return nil, err
	}
	r.findEvents()
	r.dropSilentGroups()
	r.doc.Sentences = r.sents
	return r.doc, ctx.Err()
}

// vagueGroups are the bare group nouns dropSilentGroups drops.
var vagueGroups = map[string]bool{"officials": true, "authorities": true, "investigators": true}

// dropSilentGroups drops the groups named by a common noun ("US
// officials", "police") that neither speak nor take part in an event: the
// annotations list such groups, as optional, when they act, and newskg
// keeps them for their claims and events. A person's administration ("the
// Roe administration") is kept on the same terms.
//
// Groups named by a bare noun that says nothing of whose they are
// ("officials said", "authorities said") are dropped with their claims
// even when they speak: the train articles list such a group only as
// optional (all 14 of them), and 22 of their 25 claims. ("Police" stays:
// 22 of the 25 claims of police there count.) One-order cross-validation
// read entities +0.002 and claims +0.005 with this.
func (r *run) dropSilentGroups() {
	used := make([]bool, len(r.doc.Entities))
	for _, c := range r.doc.Claims {
		if c.Speaker >= 0 {
			used[c.Speaker] = true
		}
	}
	for _, ev := range r.doc.Events {
		for _, p := range ev.Participants {
			used[p] = true
		}
		if ev.Place >= 0 {
			used[ev.Place] = true
		}
	}
	for _, e := range r.doc.Entities {
		if e.Nationality >= 0 {
			used[e.Nationality] = true
		}
	}
	index := make([]int, len(r.doc.Entities))
	vague := make([]bool, len(r.doc.Entities))
	kept := r.doc.Entities[:0]
	for i, e := range r.doc.Entities {
		w := lastWord(e.Name)
		group := e.Type == Organisation && (e.Local || (r.x.lx.groupNouns[w] || w == "administration") && !isCap(w))
		vague[i] = e.Local && vagueGroups[strings.ToLower(e.Name)]
		if group && !used[i] || r.onlyDemonyms(e) || vague[i] {
			index[i] = -1
			continue
		}
		index[i] = len(kept)
		kept = append(kept, e)
	}
	if len(kept) == len(index) {
		return
	}
	r.doc.Entities = kept
	for i := range r.doc.Entities {
		if n := r.doc.Entities[i].Nationality; n >= 0 {
			r.doc.Entities[i].Nationality = index[n]
		}
	}
	claims := r.doc.Claims[:0]
	for _, c := range r.doc.Claims {
		if c.Speaker >= 0 {
			if vague[c.Speaker] {
				continue
			}
			c.Speaker = index[c.Speaker]
		}
		claims = append(claims, c)
	}
	r.doc.Claims = claims
	for i := range r.doc.Events {
		ev := &r.doc.Events[i]
		ps := ev.Participants[:0]
		for _, p := range ev.Participants {
			if index[p] >= 0 {
				ps = append(ps, index[p])
			}
		}
		ev.Participants = ps
		if ev.Place >= 0 {
			ev.Place = index[ev.Place]
		}
	}
}

// onlyDemonyms reports whether the article names place e only by its
// demonym ("Canadian officials", "a Russian ship"): no annotated article
// lists such a country (57 of 57 in train).
func (r *run) onlyDemonyms(e Entity) bool {
	if e.Type != Place || len(e.Mentions) == 0 {
		return false
	}
	for _, m := range e.Mentions {
		if _, ok := r.x.lx.demonyms[m.Text]; !ok {
			return false
		}
	}
	return true
}

// readUpToEvents runs extraction up to, not including, events: sentences,
// quotes, entities and claims.
func (x *Extractor) readUpToEvents(ctx context.Context, a Article) (*run, error) {
	r := &run{x: x, text: a.Text, doc: &Document{Article: a, Hash: x.Hash(a)}}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.segment()
	r.findQuotes()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.findMentions()
	raw := append([]mention(nil), r.ments...)
	r.resolveEntities()
	if x.model != nil {
		// the rules' reading is one of the tagger's features
		rule := r.ruleLabels()
		r.doc.Entities = nil
		for i := range r.byTok {
			r.byTok[i] = -1
		}
		r.tagEntities(raw, rule)
		r.resolveEntities()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.findClaims()
	return r, ctx.Err()
}

// segment splits the text into sentences and tagged tokens. Sentences never
// cross a blank line (paragraphs are units in news text).
func (r *run) segment() {
	text := r.text
	for pi, para := range paragraphs(text) {
		first := len(r.sents)
		for _, s := range r.x.segmenter.Segment(text[para[0]:para[1]]) {
			st := para[0] + s.Start
			if n := len(r.sents); n > first && endsWithInitial(r.sents[n-1].Text) {
				// "President Jo B. Roe": an initial ends no sentence
				r.sents[n-1].End = st + len(s.Text)
				r.sents[n-1].Text = text[r.sents[n-1].Start:r.sents[n-1].End]
				continue
			}
			r.sents = append(r.sents, Span{Start: st, End: st + len(s.Text), Text: s.Text})
			r.para = append(r.para, pi)
		}
	}
	ptoks := splitCompounds(joinElisions(splitFinalPeriods(r.x.tokenizer.Tokenize(text), r.sents), text))
	r.x.tagger.TagTokens(ptoks)
	r.toks = make([]token, 0, len(ptoks))
	si := 0
	for _, t := range ptoks {
		for si < len(r.sents)-1 && t.Start >= r.sents[si].End {
			si++
		}
		r.toks = append(r.toks, token{Text: t.Text, Tag: t.Tag, Start: t.Start, End: t.End(), Sent: si})
	}
	r.splitLongSentences()
	r.sentTk = make([][2]int, len(r.sents))
	for i := range r.sentTk {
		r.sentTk[i] = [2]int{len(r.toks), len(r.toks)}
	}
	for i := len(r.toks) - 1; i >= 0; i-- {
		r.sentTk[r.toks[i].Sent][0] = i
	}
	for i, t := range r.toks {
		r.sentTk[t.Sent][1] = i + 1
	}
	for i := len(r.sentTk) - 1; i > 0; i-- { // empty sentences: keep ranges ordered
		if r.sentTk[i-1][0] > r.sentTk[i][0] {
			r.sentTk[i-1] = [2]int{r.sentTk[i][0], r.sentTk[i][0]}
		}
	}
	r.byTok = make([]int, len(r.toks))
	for i := range r.byTok {
		r.byTok[i] = -1
	}
}

// maxSentenceTokens bounds a sentence: a longer run of text without a
// sentence end (a list, a table, text without punctuation) is cut into
// pieces of at most this many tokens, so that the work per sentence, some
// of it quadratic in its length, stays bounded and extraction linear in
// the article's length. News sentences are far shorter.
const maxSentenceTokens = 300

// splitLongSentences cuts every sentence of more than maxSentenceTokens
// tokens, after a semicolon or comma in the last fifth of a piece where
// there is one, and renumbers the tokens' sentences.
func (r *run) splitLongSentences() {
	long := false
	count := make([]int, len(r.sents))
	for _, t := range r.toks {
		count[t.Sent]++
		long = long || count[t.Sent] > maxSentenceTokens
	}
	if !long {
		return
	}
	var sents []Span
	var para []int
	for i := 0; i < len(r.toks); {
		old := r.toks[i].Sent
		j := i
		for j < len(r.toks) && r.toks[j].Sent == old {
			j++
		}
		// sentence old holds tokens [i, j); one without tokens is dropped
		start := i
		for start < j {
			end := min(start+maxSentenceTokens, j)
			if end < j {
				for k := end - 1; k > start+maxSentenceTokens*4/5; k-- {
					if w := r.toks[k].Text; w == ";" || w == "," {
						end = k + 1
						break
					}
				}
			}
			from, to := r.sents[old].Start, r.sents[old].End
			if start > i {
				from = r.toks[start].Start
			}
			if end < j {
				to = r.toks[end-1].End
			}
			for k := start; k < end; k++ {
				r.toks[k].Sent = len(sents)
			}
			sents = append(sents, r.span(from, to))
			para = append(para, r.para[old])
			start = end
		}
		i = j
	}
	r.sents, r.para = sents, para
}

// splitFinalPeriods splits the period off a word that ends a sentence:
// prose's tokeniser keeps "Doe." whole before a capitalised word or a line
// break ("said Jo Roe. She left."), which hides the name from the
// gazetteers and the tagger. A token with a period inside ("U.S.", "D.C.")
// stays whole, and so does one the segmenter did not end a sentence with
// ("Acme Inc. and").
func splitFinalPeriods(toks []tag.Token, sents []Span) []tag.Token {
	ends := make(map[int]bool, len(sents))
	for _, s := range sents {
		ends[s.End] = true
	}
	var out []tag.Token
	for i, t := range toks {
		n := len(t.Text)
		final := n > 1 && t.Text[n-1] == '.' && strings.Count(t.Text, ".") == 1 &&
			(ends[t.End()] || i+1 < len(toks) && isQuoteMark(toks[i+1].Text) && ends[toks[i+1].End()])
		if !final {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]tag.Token, 0, len(toks)+len(sents)), toks[:i]...)
		}
		out = append(out, tag.Token{Text: t.Text[:n-1], Start: t.Start}, tag.Token{Text: ".", Start: t.Start + n - 1})
	}
	if out == nil {
		return toks
	}
	return out
}

// compoundSuffixes end hyphenated compounds whose first part is a name
// of its own: "Brussels-based", "Utopia-born", "Acme-owned".
var compoundSuffixes = map[string]bool{"based": true, "born": true, "bound": true, "headquartered": true,
	"owned": true, "run": true, "led": true, "backed": true, "funded": true, "registered": true, "flagged": true}

// splitCompounds cuts a name out of the token it is written into, so that
// the gazetteers and the tagger see it: "Brussels-based" is "Brussels",
// "-", "based"; "Afghanistan/Pakistan" is "Afghanistan", "/", "Pakistan"
// (two capitalised words with lower-case letters; "AC/DC" stays whole).
func splitCompounds(toks []tag.Token) []tag.Token {
	var out []tag.Token
	for i, t := range toks {
		parts := compoundParts(t.Text)
		if parts == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]tag.Token, 0, len(toks)+8), toks[:i]...)
		}
		at := t.Start
		for _, p := range parts {
			out = append(out, tag.Token{Text: p, Start: at})
			at += len(p)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// compoundParts returns the pieces splitCompounds cuts w into, or nil.
func compoundParts(w string) []string {
	if !isCap(w) {
		return nil
	}
	if k := strings.LastIndexByte(w, '-'); k > 0 && compoundSuffixes[strings.ToLower(w[k+1:])] {
		return []string{w[:k], "-", w[k+1:]}
	}
	if k := strings.IndexByte(w, '/'); k > 0 && k+1 < len(w) && strings.Count(w, "/") == 1 &&
		titleWord(w[:k]) && titleWord(w[k+1:]) {
		return []string{w[:k], "/", w[k+1:]}
	}
	return nil
}

// titleWord reports whether w is a capital letter and lower-case letters.
func titleWord(w string) bool {
	for i, c := range w {
		if i == 0 && !unicode.IsUpper(c) || i > 0 && !unicode.IsLower(c) {
			return false
		}
	}
	return len(w) > 1
}

// endsWithInitial reports whether sentence s ends with a capitalised word
// or another initial and a single capital letter and its period, a middle
// initial: "… Jo B.", "… Jo B. C."
func endsWithInitial(s string) bool {
	s = strings.TrimRight(s, " \n\t")
	n := len(s)
	if n < 4 || s[n-1] != '.' || s[n-2] < 'A' || s[n-2] > 'Z' || s[n-3] != ' ' {
		return false
	}
	w := s[:n-3]
	w = w[strings.LastIndexByte(w, ' ')+1:]
	initial := len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] == '.'
	return initial || len(w) > 1 && isCap(w) && !strings.HasSuffix(w, ".")
}

// joinElisions joins a letter and the name after its apostrophe, which the
// tokenizer splits when the apostrophe is typographic, or before some
// letters when it is not: "D" "’Acme" is "D’Acme", "D" "'Acme" is
// "D'Acme", as "O'Acme" stays one token.
func joinElisions(toks []tag.Token, text string) []tag.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && len(t.Text) == 1 && unicode.IsLetter(rune(t.Text[0])) && toks[i+1].Start == t.End() {
			next := toks[i+1].Text
			mark := "’"
			if strings.HasPrefix(next, "'") {
				mark = "'"
			}
			if !strings.HasPrefix(next, mark) || len(next) == len(mark) {
				out = append(out, t)
				continue
			}
			if r, _ := utf8.DecodeRuneInString(next[len(mark):]); unicode.IsUpper(r) {
				t = tag.Token{Text: text[t.Start:toks[i+1].End()], Start: t.Start}
				i++
			}
		}
		out = append(out, t)
	}
	return out
}

// paragraphs returns the byte ranges of the blank-line separated paragraphs.
func paragraphs(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); {
		if text[i] != '\n' {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				out = append(out, [2]int{start, i})
			}
			for j < len(text) && unicode.IsSpace(rune(text[j])) {
				j++
			}
			start = j
			i = j
			continue
		}
		i = j
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

func (r *run) span(start, end int) Span {
	return Span{Start: start, End: end, Text: r.text[start:end]}
}

// tokSpan is the text span of tokens [i, j).
func (r *run) tokSpan(i, j int) Span { return r.span(r.toks[i].Start, r.toks[j-1].End) }

// sentenceOf returns the sentence holding byte offset off.
func (r *run) sentenceOf(off int) int {
	i := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > off })
	if i == len(r.sents) {
		return len(r.sents) - 1
	}
	return i
}

func isCap(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(c)
}

func isLetters(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && c != '-' && c != '.' && c != '\'' && c != '’' {
			return false
		}
	}
	return s != ""
}

func isAcronym(s string) bool {
	n := 0
	for _, c := range s {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsUpper(c) {
			n++
		}
	}
	return n >= 2
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") }
