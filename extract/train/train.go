// Package train makes the entity tagger of package extract from annotated
// articles (the gold format of package eval): it projects each gold
// entity's name and aliases onto the article's tokens, trains a ner.Model
// on the result, and measures a training set by k-fold cross-validation,
// scoring the whole extraction of each held-out article as `newskg eval`
// does.
package train

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/eval"
	"github.com/newskg/newskg/extract/internal/linear"
	"github.com/newskg/newskg/extract/ner"
)

// Doc is one annotated article.
type Doc struct {
	Name    string
	Article extract.Article
	Gold    *eval.Gold
}

// Load reads the annotated articles (NAME.txt beside NAME.gold.json) of
// the given folders, in name order.
func Load(dirs []string) ([]Doc, error) {
	stems, err := eval.Pairs(dirs)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, 0, len(stems))
	for _, stem := range stems {
		a, gold, err := eval.ReadPair(stem)
		if err != nil {
			return nil, err
		}
		docs = append(docs, Doc{Name: filepath.Base(stem), Article: a, Gold: gold})
	}
	return docs, nil
}

// names lists every name and alias of the gold entities with its type.
func names(g *eval.Gold) []extract.GoldName {
	var out []extract.GoldName
	for _, e := range g.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			out = append(out, extract.GoldName{Text: strings.TrimSpace(n), Type: extract.EntityType(e.Type)})
		}
	}
	return out
}

// Sentences turns annotated articles into tagger examples. x supplies
// tokenisation and the lexicons; its own model is not used.
func Sentences(ctx context.Context, x *extract.Extractor, docs []Doc) ([]ner.Sentence, error) {
	var out []ner.Sentence
	for _, d := range docs {
		s, err := x.TrainingSentences(ctx, d.Article, names(d.Gold))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		out = append(out, s...)
	}
	return out, nil
}

// ShippedExtras are the token-level corpora the shipped tagger also
// learns from, in this order, relative to the shared material folder:
// Universal NER's English Web Treebank, all three splits (CC BY-SA 4.0),
// and Wikigold (CC BY 4.0). 5-fold cross-validation on the annotated train
// articles (orders 3, seeds 1 / 2): the train split alone raised entities
// F1 0.828 -> 0.845 (one order); the dev and test splits and Wikigold as
// well, 0.864 / 0.863 -> 0.872 / 0.871, events 0.559 / 0.560 -> 0.566 /
// 0.569, claims 0.723 / 0.716 -> 0.723 / 0.724.
var ShippedExtras = []string{
	"data/ner/uner-english-ewt/en_ewt-ud-train.iob2",
	"data/ner/uner-english-ewt/en_ewt-ud-dev.iob2",
	"data/ner/uner-english-ewt/en_ewt-ud-test.iob2",
	"data/ner/wikigold/wikigold.conll.txt",
}

// DefaultOptions are the options the shipped model is trained with.
func DefaultOptions() ner.Options { return ner.Options{Epochs: 10, Seed: 1, Orders: 3} }

// Learn trains the tagger and learns the event triggers from the
// annotated articles. The tagger's Meta says what it was made from: the
// version, the number of articles, the folder they came from (its base
// name, so that it does not depend on where the data lies) and the
// options.
func Learn(ctx context.Context, docs []Doc, extra []SpanDoc, from string, opt ner.Options) (extract.Learned, error) {
	x, err := extract.NewWith(extract.Learned{})
	if err != nil {
		return extract.Learned{}, err
	}
	sents, err := Sentences(ctx, x, docs)
	if err != nil {
		return extract.Learned{}, err
	}
	more, err := SpanSentences(ctx, x, extra)
	if err != nil {
		return extract.Learned{}, err
	}
	sents = append(sents, more...)
	m, err := ner.Train(ctx, sents, opt)
	if err != nil {
		return extract.Learned{}, err
	}
	m.Meta = fmt.Sprintf("newskg %s entity tagger; trained on %d articles of %s and %d documents of a token-level corpus; epochs %d, seed %d, orders %d",
		extract.Version, len(docs), from, len(extra), opt.Epochs, opt.Seed, max(opt.Orders, 1))
	l := extract.Learned{Tagger: m, Triggers: Triggers(docs, x.HandMadeTriggers(), TriggerOptions{})}
	if l.Events, err = EventModel(ctx, l, docs, opt); err != nil {
		return extract.Learned{}, err
	}
	l.Events.Meta = fmt.Sprintf("newskg %s event model; trained on %d articles of %s; epochs %d, seed %d",
		extract.Version, len(docs), from, opt.Epochs, opt.Seed)
	return l, nil
}

// EventModel trains the event model on the annotated events of docs,
// reading them with the tagger and triggers of l (as extraction will).
func EventModel(ctx context.Context, l extract.Learned, docs []Doc, opt ner.Options) (*linear.Multiclass, error) {
	l.Events = nil
	x, err := extract.NewWith(l)
	if err != nil {
		return nil, err
	}
	var exs []linear.Example
	for _, d := range docs {
		var golds []extract.GoldTrigger
		for _, e := range d.Gold.Events {
			if !e.Optional {
				golds = append(golds, extract.GoldTrigger{Text: e.Trigger, Type: e.Type})
			}
		}
		ex, err := x.EventExamples(ctx, d.Article, golds)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		exs = append(exs, ex...)
	}
	return linear.TrainMulticlass(ctx, exs, append([]string{extract.NoEvent}, extract.EventTypes...),
		linear.TrainOptions{Epochs: opt.Epochs, Seed: opt.Seed, Orders: opt.Orders})
}

// Folds splits docs into k folds by position (document i goes to fold
// i mod k), so that the split depends only on the order of the names.
func Folds(docs []Doc, k int) [][]Doc {
	out := make([][]Doc, k)
	for i, d := range docs {
		out[i%k] = append(out[i%k], d)
	}
	return out
}

// CrossValidate trains k models, each on all folds but one, extracts the
// held-out fold's articles with it and scores them: the report covers
// every article once, each read by a model that never saw it.
func CrossValidate(ctx context.Context, docs []Doc, extra []SpanDoc, k int, opt ner.Options, topt TriggerOptions, progress func(fold int)) (*eval.Report, error) {
	if k < 2 || k > len(docs) {
		return nil, fmt.Errorf("cross-validation needs 2 to %d folds, not %d", len(docs), k)
	}
	base, err := extract.NewWith(extract.Learned{})
	if err != nil {
		return nil, err
	}
	folds := Folds(docs, k)
	perDoc := make([][]ner.Sentence, len(docs))
	for i, d := range docs {
		s, err := base.TrainingSentences(ctx, d.Article, names(d.Gold))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		perDoc[i] = s
	}
	more, err := SpanSentences(ctx, base, extra)
	if err != nil {
		return nil, err
	}
	rep := &eval.Report{}
	for f := range folds {
		sents := append([]ner.Sentence(nil), more...)
		for i := range docs {
			if i%k != f {
				sents = append(sents, perDoc[i]...)
			}
		}
		o := opt
		o.Progress = nil
		m, err := ner.Train(ctx, sents, o)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		var rest []Doc
		for i, d := range docs {
			if i%k != f {
				rest = append(rest, d)
			}
		}
		l := extract.Learned{Tagger: m, Triggers: Triggers(rest, base.HandMadeTriggers(), topt)}
		if l.Events, err = EventModel(ctx, l, rest, o); err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		x, err := extract.NewWith(l)
		if err != nil {
			return nil, err
		}
		for _, d := range folds[f] {
			doc, err := x.Extract(ctx, d.Article)
			if err != nil {
				return nil, fmt.Errorf("fold %d: %s: %w", f+1, d.Name, err)
			}
			rep.Add(d.Name, doc, d.Gold)
		}
		if progress != nil {
			progress(f + 1)
		}
	}
	return rep, nil
}
