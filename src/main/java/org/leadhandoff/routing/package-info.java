/** Routes a lead to a team by territory and to a rep by fair round robin. */
package org.leadhandoff.routing;
