package dev.rgrid.core.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A runtime the catalogue knows, or an explicit image the user named.
 *
 * @param name          what the user types: {@code python3.11}, or the image itself for an explicit image
 * @param localImage    the image {@code infra/images} builds from Debian packages, or null when there is none
 * @param registryImage the image pulled from a registry where one is reachable, or null
 * @param interpreter   the program that runs a script, such as {@code python3}; null to choose by file extension
 * @param description   one line for `rgrid runtimes`
 */
public record RuntimeEntry(String name, String localImage, String registryImage, String interpreter, String description) {

    /** The images that can serve this runtime, in the order they are tried. */
    public List<String> images() {
        List<String> images = new ArrayList<>(2);
        if (localImage != null) images.add(localImage);
        if (registryImage != null) images.add(registryImage);
        return images;
    }

    public boolean isExplicitImage() { return localImage == null && name.equals(registryImage); }
}
