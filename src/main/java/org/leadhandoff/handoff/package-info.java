/** Connects the LeadHandoff BPMN process to the feature services: thin delegates, listeners and their glue. */
package org.leadhandoff.handoff;
