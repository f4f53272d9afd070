/** Puts the BPMN, DMN and form files operations staff edit live in the engine. */
package org.leadhandoff.ops;
