// Package catalog owns the built-in control catalogues and crosswalks: the ISO/IEC
// 27001:2022 Annex A control identifiers, short titles and themes (never the standard's
// control wording), the NIS2 Implementing Regulation (EU) 2024/2690 requirement IDs and
// section headings, and ENISA's mapping of those requirements onto ISO/IEC 27001:2022
// (CC BY 4.0; the attribution travels in the embedded files and the README).
package catalog
