/** Source files in several languages for the fixture repository. */
export const SAMPLE_FILES: Record<string, string> = {
  'src/auth/login.ts': `import { hash } from './hash.js';

/** Checks a password against the stored hash; empty passwords are rejected. */
export function validatePassword(password: string, stored: string): boolean {
  if (password.length === 0) return false;
  return hash(password) === stored;
}

export class SessionStore {
  private readonly sessions = new Map<string, number>();

  open(userId: string): string {
    const token = Math.random().toString(36).slice(2);
    this.sessions.set(token, Date.now());
    return token + userId;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }
}
`,
  'src/auth/hash.ts': `export function hash(text: string): string {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return String(h);
}
`,
  'billing/invoice.py': `from decimal import Decimal


class InvoiceCalculator:
    """Computes invoice totals with tax."""

    def __init__(self, tax_rate):
        self.tax_rate = Decimal(tax_rate)

    def total(self, lines):
        subtotal = sum(Decimal(l.price) * l.quantity for l in lines)
        return subtotal * (1 + self.tax_rate)


def apply_discount(total, percent):
    return total * (Decimal(100) - percent) / Decimal(100)
`,
  'server/router.go': `package server

import "net/http"

// Router dispatches requests to handlers by path prefix.
type Router struct {
	routes map[string]http.HandlerFunc
}

func (r *Router) Handle(prefix string, h http.HandlerFunc) {
	r.routes[prefix] = h
}

func NewRouter() *Router {
	return &Router{routes: map[string]http.HandlerFunc{}}
}
`,
  'cache/LruCache.java': `package cache;

import java.util.LinkedHashMap;

public class LruCache<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    public LruCache(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
`,
  'parser/tokens.rs': `pub enum Token {
    Number(f64),
    Plus,
}

pub fn tokenize_expression(input: &str) -> Vec<Token> {
    input
        .split_whitespace()
        .map(|w| if w == "+" { Token::Plus } else { Token::Number(w.parse().unwrap_or(0.0)) })
        .collect()
}
`,
  'docs/guide.md': `# Guide

Intro text for operators.
It explains how the service is run.

Read it before your first on-call shift.
Ask in the team channel when something is unclear.
The sections below are independent.

## Deployment

Deploy with the blue-green strategy.
Traffic moves to the new colour once health checks pass.
Roll back with \`rollback.sh\`, which points traffic at the old colour.
Never delete the old colour before the new one has run for an hour.
Database migrations must be backwards compatible.
Feature flags guard risky changes.

## Monitoring

Dashboards live in Grafana.
Alerts page the on-call engineer.
Latency and error rate are the main signals.
Logs are kept for thirty days.
Traces are sampled at one percent.
Each service has a runbook linked from its dashboard.
`,
  'node_modules/left-pad/index.js': 'module.exports = function leftPad(s) { return s; };\n',
  'package-lock.json': '{ "lockfileVersion": 3 }\n',
  'dist/bundle.js': 'var a=1;\n',
};
