/** Small technical helpers shared by the features: database time mapping and the engine-backed clock. */
package org.leadhandoff.support;
