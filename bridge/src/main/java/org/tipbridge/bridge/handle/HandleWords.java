// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.util.List;

/** The words of handles: 256 adjectives and 256 animals, plain lowercase ASCII, no word in both lists. */
final class HandleWords {

    static final List<String> ADJECTIVES = words("""
            amber azure bold brave breezy bright brisk bronze calm candid cheerful chilly clever cobalt cool
            coral cosy crimson crisp curious dapper daring dawning deep dusky eager early earnest easy
            elegant emerald even fair faithful fancy fast fearless fervent fine firm flying fond frank free
            fresh friendly frosty gentle giant gifted gilded glad gleaming glossy golden good graceful grand
            grassy great green hale handy happy hardy hazel hearty helpful honest hopeful humble icy indigo
            inland ivory jade jolly jovial joyful keen kind leafy level light lilac lime little lively loyal
            lucid lucky lunar lush magenta mellow merry mighty mild minty misty modest mossy musical narrow
            neat nimble noble northern novel oaken ocean olive orange orchid pale patient peaceful pearl
            perky pine placid plain playful plucky polite polished proud purple quick quiet radiant rapid
            rare ready regal robust rosy round royal ruby rustic sandy sapphire scarlet serene sharp shiny
            silent silken silver simple sincere sleek slow smart smooth snowy soft solar solid sound
            southern sparkling spry stable starry steady stellar still stone stormy sturdy sunny tall tawny
            teal tender thrifty tidal tidy tiny topaz tranquil true trusty turquoise upbeat urban valiant
            velvet verdant violet vivid warm wavy western wild willing windy winter wise witty wooden woolly
            young zesty ample autumn balmy beige blithe blue bouncy brown busy cedar cerulean charming
            cherry civic clear cloudy copper moonlit crystal dainty dashing dewy dreamy dry dusty eastern epic
            fabled festive fluffy foggy forest frozen fuzzy glowing grateful hollow honeyed humming jaunty
            jubilant kindly laughing lemon lofty lyric maple marble meadow midnight
            """);

    static final List<String> ANIMALS = words("""
            aardvark albatross alpaca angelfish ant anteater antelope armadillo auk axolotl baboon badger
            barracuda bat beagle bear beaver bee beetle bison blackbird bluebird boar bobcat bonobo budgie
            buffalo bullfrog bumblebee bunting butterfly buzzard camel canary capybara cardinal caribou
            cassowary cat caterpillar chameleon cheetah chickadee chicken chinchilla chipmunk clownfish
            cobra cockatoo colt condor cormorant cougar cow coyote crab crane crayfish cricket crow cuckoo
            dachshund deer dingo dolphin donkey dormouse dove dragonfly duck dugong eagle echidna eel egret
            elephant elk emu falcon ferret finch firefly flamingo fox frog gazelle gecko gerbil gibbon
            giraffe gnu goat goldfinch goldfish goose gopher gorilla grasshopper grouse gull hamster hare
            hawk hedgehog heron hippo hornbill horse hummingbird ibex ibis iguana impala jackal jaguar jay
            jellyfish kangaroo kestrel kingfisher kite kiwi koala koi kookaburra ladybird lamb lapwing lark
            lemming lemur leopard lion lizard llama lobster loon lynx macaw magpie mallard manatee mantis
            marmot marten meerkat mink mole mongoose moose moth mouse mule muskox narwhal newt nightingale
            ocelot octopus okapi opossum orca oriole oryx osprey ostrich otter owl ox panda pangolin panther
            parrot partridge peacock pelican penguin petrel pheasant pigeon pika pike plover platypus pony
            porcupine porpoise possum puffin puma python quail quokka rabbit raccoon ram raven reindeer
            rhino robin rook salamander salmon sandpiper seahorse seal serval shark sheep shrew skylark
            sloth snail sparrow spider squid squirrel starfish starling stingray stoat stork sturgeon
            swallow swan swift tamarin tapir tern terrier thrush tiger toad tortoise toucan trout tuna
            turkey turtle urchin vicuna vole vulture wallaby walrus warbler wasp weasel whale wildcat wolf
            wombat woodpecker wren yak zebra
            """);

    private HandleWords() {}

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
