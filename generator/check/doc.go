// Package check applies the audit-readiness rules to a resolved ISMS.
//
// The rules find what a Stage 1 auditor would find missing or inconsistent, as findings
// with stable rule IDs, severities and positions, and the Stage 1 checklist is derived
// from them. check reads the resolved graph and the facts package resolve derives
// (clause coverage, implementation, approval, version order); it renders nothing.
package check
