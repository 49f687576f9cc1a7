package train

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/ner"
)

// SpanDoc is an article of a token-level corpus: its text and its
// mentions by position.
type SpanDoc struct {
	Name    string
	Article extract.Article
	Spans   []extract.GoldSpan
}

var iobTypes = map[string]extract.EntityType{"PER": extract.Person, "ORG": extract.Organisation, "LOC": extract.Place}

// corpusBuilder gathers the documents of a token-level corpus as it is
// read: their text, and the mentions the tags mark on it.
type corpusBuilder struct {
	path, prefix string
	docs         []SpanDoc
	text         strings.Builder
	spans        []extract.GoldSpan
	open         int // start of the mention being read, -1 when none
	openType     extract.EntityType
	lastEnd      int
}

func newCorpusBuilder(path, prefix string) *corpusBuilder {
	return &corpusBuilder{path: path, prefix: prefix, open: -1}
}

// flush ends the document being read.
func (b *corpusBuilder) flush() {
	b.closeMention()
	if b.text.Len() > 0 {
		n := len(b.docs) + 1
		b.docs = append(b.docs, SpanDoc{Name: fmt.Sprintf("%s#%d", b.path, n),
			Article: extract.Article{ID: fmt.Sprintf("%s-%d", b.prefix, n), Text: b.text.String()}, Spans: b.spans})
	}
	b.text.Reset()
	b.spans = nil
}

// closeMention ends the mention being read, if any.
func (b *corpusBuilder) closeMention() {
	if b.open >= 0 {
		b.spans = append(b.spans, extract.GoldSpan{Start: b.open, End: b.lastEnd, Type: b.openType})
	}
	b.open = -1
}

// token records the tag of the token at [start, end) of the text: B-X
// opens a mention, I-X continues one of the same type (or opens one, in IO
// corpora), anything else closes it.
func (b *corpusBuilder) token(start, end int, tag string) {
	prefix, typ, _ := strings.Cut(tag, "-")
	et, known := iobTypes[typ]
	if prefix != "I" || !known || et != b.openType {
		b.closeMention()
	}
	if known && (prefix == "B" || prefix == "I" && b.open < 0) {
		b.open, b.openType = start, et
	}
	if known {
		b.lastEnd = end
	}
}

// ReadIOB2 reads a corpus in the IOB2 format of Universal NER: "# newdoc"
// and "# text = …" comment lines, then one token a line (index, token,
// tag). Each document becomes an article whose sentences are paragraphs
// of their original text; PER, ORG and LOC mentions are kept, other tags
// (OTH, MISC) read as O.
func ReadIOB2(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := newCorpusBuilder(path, "iob2")
	sentText, sentOff, cursor := "", 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# newdoc"):
			b.flush()
		case strings.HasPrefix(l, "# text = "):
			b.closeMention()
			if b.text.Len() > 0 {
				b.text.WriteString("\n\n")
			}
			sentText, sentOff, cursor = strings.TrimPrefix(l, "# text = "), b.text.Len(), 0
			b.text.WriteString(sentText)
		case strings.HasPrefix(l, "#"):
		case strings.TrimSpace(l) == "":
			b.closeMention()
		default:
			fs := strings.Split(l, "\t")
			if len(fs) < 3 {
				return nil, fmt.Errorf("%s:%d: want index, token and tag", path, line)
			}
			tok, tag := fs[1], fs[2]
			k := strings.Index(sentText[cursor:], tok)
			if k < 0 {
				return nil, fmt.Errorf("%s:%d: token %q not in the sentence text", path, line, tok)
			}
			start := sentOff + cursor + k
			cursor += k + len(tok)
			b.token(start, start+len(tok), tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	b.flush()
	return b.docs, nil
}

// SpanSentences turns token-level documents into tagger examples.
func SpanSentences(ctx context.Context, x *extract.Extractor, docs []SpanDoc) ([]ner.Sentence, error) {
	var out []ner.Sentence
	for _, d := range docs {
		s, err := x.TrainingSpans(ctx, d.Article, d.Spans)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		out = append(out, s...)
	}
	return out, nil
}

// ReadCoNLL reads a corpus in the CoNLL layout of Wikigold: one "token
// TAG" pair a line, blank lines between sentences and "-DOCSTART-" lines
// between documents, with IO or IOB tags (PER, ORG, LOC kept; MISC read as
// O). The text is rebuilt with the tokens separated by spaces, each
// sentence a paragraph.
func ReadCoNLL(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := newCorpusBuilder(path, "conll")
	newSentence := true
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "":
			b.closeMention()
			newSentence = true
		case strings.HasPrefix(l, "-DOCSTART-"):
			b.flush()
			newSentence = true
		default:
			fs := strings.Fields(l)
			if len(fs) < 2 {
				return nil, fmt.Errorf("%s:%d: want a token and a tag", path, line)
			}
			tok, tag := fs[0], fs[len(fs)-1]
			switch {
			case newSentence && b.text.Len() > 0:
				b.text.WriteString("\n\n")
			case !newSentence:
				b.text.WriteByte(' ')
			}
			newSentence = false
			start := b.text.Len()
			b.text.WriteString(tok)
			b.token(start, start+len(tok), tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	b.flush()
	return b.docs, nil
}

// ReadCorpus reads a token-level corpus, in the IOB2 layout of Universal
// NER (tab-separated, with "# text =" lines) or the CoNLL layout of
// Wikigold (space-separated), told apart by the first line that is not
// blank.
func ReadCorpus(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	iob2 := true
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" {
			iob2 = strings.HasPrefix(l, "#") || strings.Contains(l, "\t")
			break
		}
	}
	f.Close()
	if iob2 {
		return ReadIOB2(path)
	}
	return ReadCoNLL(path)
}
