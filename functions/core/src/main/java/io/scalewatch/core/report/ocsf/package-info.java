/** Findings in the Open Cybersecurity Schema Framework (OCSF): Detection Finding, class 2004 (docs/ocsf.md). */
package io.scalewatch.core.report.ocsf;
