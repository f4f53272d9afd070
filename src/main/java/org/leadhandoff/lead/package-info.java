/** Takes leads and their activity in from marketing systems and tracks each lead's stage and history. */
package org.leadhandoff.lead;
