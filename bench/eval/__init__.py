"""The labelled evaluation set: renderings of listed organisations and clean look-alikes."""
