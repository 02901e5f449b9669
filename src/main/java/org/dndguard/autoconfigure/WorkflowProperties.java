package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workflow actions, under {@code dnd.workflows}.
 *
 * @param removeWhenFullyBlocked whether a committed change that leaves every channel blocked
 *     removes the contact from all workflows
 */
public record WorkflowProperties(@DefaultValue("false") boolean removeWhenFullyBlocked) {
}
